using Azure.Data.Tables;
using Credit.Calendar;
using Credit.Disclosure;
using Credit.Functions.OpenApi;
using Credit.Records;
using Credit.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Credit.Functions.Api;

/// <summary>A department's disclosure, for itself and the supervising office: what waits, what went out (late or not), what is overdue, what was withdrawn.</summary>
public sealed class DisclosureApi(RecordStore records, TimeProvider clock)
{
    const int MaxItems = 1000;
    static readonly string[] Statuses = ["pending", "published", "late", "overdue", "withdrawn"];

    [Function(nameof(GetDepartmentDisclosure))]
    [ApiOperation("A department's records by disclosure state (overdue: unpublished past the 7-working-day deadline; late: published after it)", Credential.Department | Credential.Supervisor, Query = ["status: pending | published | late | overdue | withdrawn"],
        Resource = ResourceKind.Department, Parties = Party.Owner | Party.Office, Response = typeof(DepartmentDisclosure))]
    public async Task<IActionResult> GetDepartmentDisclosure(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/departments/{departmentCode}/disclosure")] HttpRequest request,
        string departmentCode,
        CancellationToken cancellationToken)
    {
        var status = request.Query["status"].ToString();
        if (!Statuses.Contains(status))
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "INVALID_STATUS",
                $"query parameter 'status' must be one of {string.Join(", ", Statuses)}, got '{status}'", $"查询参数status应为{string.Join("、", Statuses)}之一，实际为“{status}”");
        }

        var today = BeijingTime.Today(clock);
        var state = status switch
        {
            "pending" or "overdue" => DisclosureState.Pending,
            "published" or "late" => DisclosureState.Published,
            _ => DisclosureState.Withdrawn,
        };
        var items = new List<DisclosureItem>();
        await foreach (var entity in records.ByDisclosureAsync(departmentCode, state, cancellationToken))
        {
            var deadline = DateOnly.Parse(entity.GetString("DisclosureDeadline"), System.Globalization.CultureInfo.InvariantCulture);
            var late = entity.GetBoolean(DisclosureState.Late) == true;
            if ((status == "overdue" && deadline >= today) || (status == "late" && !late))
            {
                continue;
            }

            items.Add(Item(entity, deadline, late, today));
            if (items.Count == MaxItems)
            {
                break;
            }
        }

        return new OkObjectResult(new DepartmentDisclosure(departmentCode, status, DateText.ToIso(today), items.Count, items.Count == MaxItems, items));
    }

    static DisclosureItem Item(TableEntity entity, DateOnly deadline, bool late, DateOnly today) => new(
        entity.GetString("RecordId"),
        entity.GetString("Kind"),
        entity.GetString("DocumentNumber"),
        entity.GetString("DecisionDate"),
        DateText.ToIso(deadline),
        entity.GetDateTimeOffset(DisclosureState.PublishedAt),
        late,
        entity.GetString(DisclosureState.Property) == DisclosureState.Pending && deadline < today ? today.DayNumber - deadline.DayNumber : 0,
        entity.GetString(DisclosureState.WithdrawOn),
        entity.GetDateTimeOffset(DisclosureState.WithdrawnAt));
}

/// <summary>A department's records in one disclosure state (at most 1,000: then truncated).</summary>
public sealed record DepartmentDisclosure(string Department, string Status, string AsOf, int Count, bool Truncated, IReadOnlyList<DisclosureItem> Items);

public sealed record DisclosureItem(string Id, string Kind, string DocumentNumber, string DecisionDate, string Deadline, DateTimeOffset? PublishedAt, bool Late, int DaysOverdue, string? WithdrawOn, DateTimeOffset? WithdrawnAt);
