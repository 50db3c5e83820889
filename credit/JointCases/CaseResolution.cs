using Credit.Catalogue;
using Credit.Departments;
using Credit.Lists;
using Credit.Measures;

namespace Credit.JointCases;

/// <summary>The assignments an entry gives now: its catalogue item, the current measures list, the registered departments.</summary>
public sealed class CaseResolution(ConductCatalogue catalogue, MeasureCatalog measures, DepartmentRegistry departments)
{
    /// <summary>The assignments, and the mandatory measures no registered department implements.</summary>
    public async Task<(IReadOnlyList<Assignment> Assignments, IReadOnlyList<string> Unimplemented)> ResolveAsync(ListEntry entry, CancellationToken cancellationToken = default)
    {
        var item = await catalogue.ItemForAsync(entry, cancellationToken);
        var list = await measures.ListAsync(cancellationToken);
        var registered = await departments.ListAsync(cancellationToken);
        return (CaseMeasures.Resolve(entry, item, list, registered), CaseMeasures.Unimplemented(entry, item, list, registered));
    }
}
