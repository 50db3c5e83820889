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

    /// <summary>For many entries (a report over the open cases): the measures list and the departments read once, each item once.</summary>
    public async Task<Batch> BatchAsync(CancellationToken cancellationToken = default) =>
        new(catalogue, await measures.ListAsync(cancellationToken), await departments.ListAsync(cancellationToken));

    public sealed class Batch(ConductCatalogue catalogue, IReadOnlyList<Measure> list, IReadOnlyList<Department> registered)
    {
        readonly Dictionary<string, CatalogueItem?> items = new(StringComparer.Ordinal);

        public async Task<IReadOnlyList<Assignment>> AssignmentsAsync(ListEntry entry, CancellationToken cancellationToken = default)
        {
            // An entry names an item version, or (stored before the catalogue) derives one from its list type, field and category.
            var key = entry.CatalogueCode is { } code ? $"{code}|{entry.CatalogueVersion}" : $"|{entry.ListType}|{entry.Field}|{entry.Category}";
            if (!items.TryGetValue(key, out var item))
            {
                items[key] = item = await catalogue.ItemForAsync(entry, cancellationToken);
            }

            return CaseMeasures.Resolve(entry, item, list, registered);
        }
    }
}
