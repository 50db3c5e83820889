using Credit.Catalogue;
using Credit.Departments;
using Credit.Identifiers;
using Credit.Lists;
using Credit.Measures;

namespace Credit.JointCases;

/// <summary>
/// Which department applies which measure to whom: the entry's catalogue item names the measures it binds, to the
/// subject and to which responsible persons (落实到人), under which facts; each within the measure's own bounds
/// (list types, fields, subject kinds) and by the departments the measure names.
/// </summary>
public static class CaseMeasures
{
    public static IReadOnlyList<Assignment> Resolve(ListEntry entry, CatalogueItem? item, IEnumerable<Measure> measures, IReadOnlyList<Department> departments) =>
        [.. Bound(entry, item, measures).SelectMany(b => Implementers(b.Measure, departments)
            .SelectMany(d => b.Targets.Select(t => new Assignment(d.Code, b.Measure.Code, b.Measure.Version, b.Measure.Name, b.Binding, b.Measure.LegalBasis, t))))];

    /// <summary>The mandatory measures the entry binds that no registered department implements (their implementer is not registered, or not yet).</summary>
    public static IReadOnlyList<string> Unimplemented(ListEntry entry, CatalogueItem? item, IEnumerable<Measure> measures, IReadOnlyList<Department> departments) =>
        [.. Bound(entry, item, measures).Where(b => b.Binding == MeasureBinding.Mandatory && !Implementers(b.Measure, departments).Any()).Select(b => b.Measure.Code)];

    /// <summary>Each measure the item binds whose conditions the entry meets, with the targets it reaches and the binding it has here.</summary>
    static IEnumerable<(Measure Measure, MeasureBinding Binding, IReadOnlyList<CaseTarget> Targets)> Bound(ListEntry entry, CatalogueItem? item, IEnumerable<Measure> measures)
    {
        // Labels name a person masked, as notices do: case tables, timelines and statistics are read by many; the
        // department that must act reads the identity by the target's key, under audit.
        var subjectName = entry.SubjectKind == SubjectKind.NaturalPerson ? PersonalDataMasking.MaskName(entry.SubjectName) : entry.SubjectName;
        var entity = new CaseTarget(entry.SubjectKey, $"{subjectName}（{entry.SubjectLabel}）", null);
        var byCode = measures.ToDictionary(m => m.Code, StringComparer.Ordinal);
        foreach (var bound in (item?.Measures ?? []).Where(b => b.When.All(entry.Holds)).OrderBy(b => b.MeasureCode, StringComparer.Ordinal))
        {
            if (!byCode.TryGetValue(bound.MeasureCode, out var measure))
            {
                continue;
            }

            var targets = new List<CaseTarget>();
            if (bound.SubjectKinds.Contains(entry.SubjectKind) && measure.AppliesTo(entry.ListType, entry.Field, entry.SubjectKind))
            {
                targets.Add(entity);
            }

            if (measure.BindsResponsiblePersons && measure.AppliesTo(entry.ListType, entry.Field, SubjectKind.NaturalPerson))
            {
                targets.AddRange(entry.ResponsiblePersons
                    .Where(p => bound.Roles.Contains(p.Role))
                    .DistinctBy(p => p.SubjectKey)
                    .Select(p => new CaseTarget(p.SubjectKey, $"{PersonalDataMasking.MaskName(p.Name)}（{p.Role.ZhName()}，{p.MaskedIdNumber}）", p.Role)));
            }

            if (targets.Count > 0)
            {
                yield return (measure, bound.Binding ?? measure.Binding, targets);
            }
        }
    }

    static IEnumerable<Department> Implementers(Measure measure, IReadOnlyList<Department> departments) =>
        measure.Implementers.Contains(Measure.EveryDepartment)
            ? departments
            : departments.Where(d => measure.Implementers.Contains(d.Code) || measure.Implementers.Contains(d.Name));
}
