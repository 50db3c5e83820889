using Credit.Remedies;

namespace Credit.Orchestrations.Remedies;

// The steps of ObjectionHandling and RepairApplication; the work is in RemedyService.

public sealed class OpenRemedy(RemedyService remedies) : StepActivity<string>(id => remedies.OpenAsync(id));

public sealed class RemindRemedy(RemedyService remedies) : StepActivity<string>(id => remedies.RemindAsync(id));

public sealed class MarkRemedyOverdue(RemedyService remedies) : StepActivity<string>(id => remedies.MarkOverdueAsync(id));

public sealed class ApplyRemedyDecision(RemedyService remedies) : StepActivity<string>(id => remedies.ApplyDecisionAsync(id));
