using Credit.Commitments;
using Credit.Disclosure;
using Credit.Lists;
using Credit.Records;

namespace Credit.Inspections;

/// <summary>
/// The items a department holds that name a subject: its published records ("record:{id}"), its commitments
/// ("commitment:{id}") and its standing list entries ("listEntry:{id}"). A plan names a natural person by key only
/// (the ID number is never stored in clear); the department opens one of these items, as it reads any of its own, to see who.
/// </summary>
public sealed class DepartmentItems(PublicStore published, CommitmentStore commitments, ListStore lists)
{
    public async Task<IReadOnlyList<string>> NamingAsync(string department, string subjectKey, CancellationToken cancellationToken)
    {
        var items = new List<string>();
        foreach (var kind in new[] { RecordKind.Penalty, RecordKind.License })
        {
            await foreach (var entry in published.EntriesAsync(subjectKey, kind, cancellationToken))
            {
                if (entry.DepartmentCode == department)
                {
                    items.Add($"record:{entry.RecordId}");
                }
            }
        }

        items.AddRange((await commitments.OfSubjectAsync(subjectKey, cancellationToken)).Where(c => c.Department == department).Select(c => $"commitment:{c.Id}"));
        foreach (var hit in (await lists.ListingsAsync(subjectKey, cancellationToken)).Standing)
        {
            if (await lists.GetAsync(hit.EntryId, cancellationToken) is { } found && found.Entry.InitiatingDepartment == department)
            {
                items.Add($"listEntry:{hit.EntryId}");
            }
        }

        return items;
    }
}
