using System.Text.Json;
using Credit.JointCases;
using Credit.Remedies;
using Credit.Signals;

namespace Credit.Tests.Unit.Machines;

/// <summary>
/// Signals on the wire: each typed signal travels as its family's base type with its "Kind", and the flat signal that
/// versions 1–3 raised (and that the histories of running instances hold) reads back as the typed signal it meant.
/// </summary>
public sealed class SignalWireTests
{
    public static TheoryData<string, CaseSignal> Legacy => new()
    {
        { """{"Kind":"Feedback","Key":"a|S01|x","Round":2,"EndDate":null,"Reason":null,"RefreshMeasures":false,"AmendmentId":null}""", new FeedbackReceived("a|S01|x", 2) },
        { """{"Kind":"Reminder","Key":null,"Round":1,"EndDate":null,"Reason":null,"RefreshMeasures":false,"AmendmentId":null}""", new FeedbackReminderDue(1) },
        { """{"Kind":"FeedbackDue","Key":null,"Round":1,"EndDate":null,"Reason":null,"RefreshMeasures":false,"AmendmentId":null}""", new FeedbackDeadlinePassed(1) },
        { """{"Kind":"Expired","Key":null,"Round":2,"EndDate":"2026-03-03","Reason":null,"RefreshMeasures":false,"AmendmentId":null}""", new PeriodExpired(2, new DateOnly(2026, 3, 3)) },
        { """{"Kind":"Amended","Key":"\u590D\u8BAE\u53D8\u66F4","Round":0,"EndDate":null,"Reason":null,"RefreshMeasures":true,"AmendmentId":"k1"}""", new CaseAmended("复议变更", true, "k1") },
        { """{"Kind":"Ended","Key":null,"Round":0,"EndDate":null,"Reason":"ObjectionUpheld","RefreshMeasures":false,"AmendmentId":null}""", new CaseEnded(CaseEndReason.ObjectionUpheld) },
        { """{"Kind":"LiftAcknowledged","Key":"11110000000000702F","Round":0,"EndDate":null,"Reason":null,"RefreshMeasures":false,"AmendmentId":null}""", new LiftAcknowledged("11110000000000702F") },
        { """{"Kind":"LiftReminder","Key":null,"Round":3,"EndDate":null,"Reason":null,"RefreshMeasures":false,"AmendmentId":null}""", new LiftReminderDue(3) },
        { """{"Kind":"LiftDue","Key":null,"Round":3,"EndDate":null,"Reason":null,"RefreshMeasures":false,"AmendmentId":null}""", new LiftDeadlinePassed(3) },
    };

    [Theory]
    [MemberData(nameof(Legacy))]
    public void A_flat_signal_from_an_earlier_version_reads_as_its_typed_signal(string json, CaseSignal expected)
    {
        var signal = JsonSerializer.Deserialize<CaseSignal>(json);
        Assert.Equal(expected, signal);
        // Written back, it keeps its kind and what it carries.
        Assert.Equal(expected, JsonSerializer.Deserialize<CaseSignal>(expected.ToWire()));
    }

    [Theory]
    [InlineData("""{"Kind":"Reminder","Key":null,"Round":1}""", typeof(RemedyReminderDue))]
    [InlineData("""{"Kind":"FeedbackDue","Key":null,"Round":1}""", typeof(RemedyDeadlinePassed))]
    [InlineData("""{"Kind":"Decided","Key":null,"Round":0,"EndDate":null,"Reason":null,"RefreshMeasures":false,"AmendmentId":null}""", typeof(RemedyDecided))]
    public void A_remedys_flat_signal_reads_as_the_remedys_own(string json, Type expected) =>
        Assert.IsType(expected, JsonSerializer.Deserialize<RemedySignal>(json));

    [Fact]
    public void Every_signal_has_a_kind_on_the_wire_and_its_own_name()
    {
        OrchestrationSignal[] all =
        [
            new FeedbackReceived("a", 1), new FeedbackReminderDue(1), new FeedbackDeadlinePassed(1), new PeriodExpired(1, new DateOnly(2026, 3, 3)),
            new CaseAmended("r"), new CaseEnded(CaseEndReason.Repaired), new LiftAcknowledged("d"), new LiftReminderDue(1), new LiftDeadlinePassed(1),
            new RemedyReminderDue(), new RemedyDeadlinePassed(), new RemedyDecided(),
        ];
        Assert.All(all, s => Assert.Equal(s.Name, s.ToWire().GetProperty("Kind").GetString()));
        Assert.Equal(all.Length - 3, all.Select(s => (s.Family, s.Name)).Distinct().Count(f => f.Family == nameof(CaseSignal)));
        Assert.Equal(all.Length, all.Select(s => (s.Family, s.Name)).Distinct().Count());
    }

    [Fact]
    public void A_payload_without_a_known_kind_is_refused_not_guessed()
    {
        Assert.ThrowsAny<Exception>(() => JsonSerializer.Deserialize<CaseSignal>("""{"Kind":"Decided"}"""));
        Assert.ThrowsAny<Exception>(() => JsonSerializer.Deserialize<CaseSignal>("""{"Key":"a"}"""));
    }
}
