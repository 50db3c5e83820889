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
    public static IReadOnlyList<Assignment> Resolve(ListEntry entry, CatalogueItem? item, IEnumerable<Measure> measures, IReadOnlyList<Department> departments)
    {
        // Labels name a person masked, as notices do: case tables, timelines and statistics are read by many; the
        // department that must act reads the identity by the target's key, under audit.
        var subjectName = entry.SubjectKind == SubjectKind.NaturalPerson ? PersonalDataMasking.MaskName(entry.SubjectName) : entry.SubjectName;
        var entity = new CaseTarget(entry.SubjectKey, $"{subjectName}（{entry.SubjectLabel}）", null);
        var byCode = measures.ToDictionary(m => m.Code, StringComparer.Ordinal);
        var assignments = new List<Assignment>();
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

            var binding = bound.Binding ?? measure.Binding;
            foreach (var department in Implementers(measure, departments))
            {
                assignments.AddRange(targets.Select(t => new Assignment(department.Code, measure.Code, measure.Version, measure.Name, binding, measure.LegalBasis, t)));
            }
        }

        return assignments;
    }

    static IEnumerable<Department> Implementers(Measure measure, IReadOnlyList<Department> departments) =>
        measure.Implementers.Contains(Measure.EveryDepartment)
            ? departments
            : departments.Where(d => measure.Implementers.Contains(d.Code) || measure.Implementers.Contains(d.Name));
}
