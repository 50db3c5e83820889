using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Credit.Storage;

namespace Credit.Evaluation;

/// <summary>
/// The versions of the evaluation model in table EvaluationModels (one partition, row = int.MaxValue − version, so the
/// newest is the first row). Version 1 is <see cref="EvaluationModel.Default"/>, never stored; the office adopts the next.
/// </summary>
public sealed class EvaluationModelStore(StorageClients storage, TimeProvider clock)
{
    const string Partition = "model";
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    readonly JsonRowTable<EvaluationModel> table = new(storage.Table(StorageNames.EvaluationModelsTable), m => (Partition, RowOf(m.Version)), _ => []);

    static string RowOf(int version) => (int.MaxValue - version).ToString("D10", CultureInfo.InvariantCulture);

    /// <summary>The model in force (one row read).</summary>
    public async Task<EvaluationModel> CurrentAsync(CancellationToken cancellationToken) =>
        await table.FirstAsync(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken) ?? EvaluationModel.Default;

    /// <summary>One version, or null when there is none.</summary>
    public async Task<EvaluationModel?> VersionAsync(int version, CancellationToken cancellationToken) =>
        version == EvaluationModel.Default.Version ? EvaluationModel.Default
        : version > 1 ? (await table.GetAsync(Partition, RowOf(version), cancellationToken))?.Document
        : null;

    /// <summary>
    /// Adopts <paramref name="rules"/> as the next version (its own version number ignored); the rules in force sent
    /// again are a retry and adopt nothing (Created false).
    /// </summary>
    public async Task<(EvaluationModel Model, bool Created)> AdoptAsync(EvaluationModel rules, string actor, CancellationToken cancellationToken)
    {
        while (true)
        {
            var current = await CurrentAsync(cancellationToken);
            if (RulesOf(current) == RulesOf(rules))
            {
                return (current, false);
            }

            var next = rules with { Version = current.Version + 1, AdoptedAt = clock.GetUtcNow(), AdoptedBy = actor };
            try
            {
                await table.AddAsync(next, cancellationToken);
                return (next, true);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // Another adoption took this version number: compare with it and try the next.
            }
        }
    }

    static string RulesOf(EvaluationModel model) => JsonSerializer.Serialize(model with { Version = 0, AdoptedAt = null, AdoptedBy = null }, Json);
}
