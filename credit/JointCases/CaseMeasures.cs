using Credit.Departments;
using Credit.Identifiers;
using Credit.Lists;
using Credit.Measures;

namespace Credit.JointCases;

/// <summary>Which department applies which measure to whom: the measures list read against one entry (落实到人 included).</summary>
public static class CaseMeasures
{
    public static IReadOnlyList<Assignment> Resolve(ListEntry entry, IEnumerable<Measure> measures, IReadOnlyList<Department> departments)
    {
        // Labels name a person masked, as notices do: case tables, timelines and statistics are read by many; the
        // department that must act reads the identity by the target's key, under audit.
        var subjectName = entry.SubjectKind == SubjectKind.NaturalPerson ? PersonalDataMasking.MaskName(entry.SubjectName) : entry.SubjectName;
        var entity = new CaseTarget(entry.SubjectKey, $"{subjectName}（{entry.SubjectLabel}）", null);
        var persons = entry.ResponsiblePersons
            .DistinctBy(p => p.SubjectKey)
            .Select(p => new CaseTarget(p.SubjectKey, $"{PersonalDataMasking.MaskName(p.Name)}（{p.Role.ZhName()}，{p.MaskedIdNumber}）", p.Role))
            .ToList();
        var assignments = new List<Assignment>();
        foreach (var measure in measures.OrderBy(m => m.Code, StringComparer.Ordinal))
        {
            var targets = new List<CaseTarget>();
            if (measure.AppliesTo(entry.ListType, entry.Field, entry.SubjectKind))
            {
                targets.Add(entity);
            }

            if (measure.BindsResponsiblePersons && measure.AppliesTo(entry.ListType, entry.Field, SubjectKind.NaturalPerson))
            {
                targets.AddRange(persons);
            }

            foreach (var department in Implementers(measure, departments))
            {
                assignments.AddRange(targets.Select(t => new Assignment(department.Code, measure.Code, measure.Version, measure.Name, measure.Binding, measure.LegalBasis, t)));
            }
        }

        return assignments;
    }

    static IEnumerable<Department> Implementers(Measure measure, IReadOnlyList<Department> departments) =>
        measure.Implementers.Contains(Measure.EveryDepartment)
            ? departments
            : departments.Where(d => measure.Implementers.Contains(d.Code) || measure.Implementers.Contains(d.Name));
}
