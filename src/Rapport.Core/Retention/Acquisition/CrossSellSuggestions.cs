using Microsoft.EntityFrameworkCore;
using Npgsql;
using Rapport.Analytics.Acquisition;
using Rapport.Core.Data;

namespace Rapport.Core.Retention;

/// <summary>A product category an account does not buy yet, with the association that suggests it (docs/definitions.md#cross-sell-recommendations).</summary>
/// <param name="Category">The category to offer.</param>
/// <param name="BecauseOf">The category the account buys that points to it.</param>
/// <param name="Accounts">Accounts buying both.</param>
/// <param name="Support">Accounts buying both / all accounts with purchases.</param>
/// <param name="Confidence">Share of the accounts buying <paramref name="BecauseOf"/> that also buy <paramref name="Category"/>.</param>
/// <param name="Lift">Confidence / the share of all accounts buying <paramref name="Category"/> (&gt; 1: buying <paramref name="BecauseOf"/> makes it likelier).</param>
/// <param name="Reason">The suggestion in one English sentence with its numbers.</param>
public sealed record CrossSellSuggestion(string Category, string BecauseOf, int Accounts, double Support, double Confidence, double Lift, string Reason);

/// <summary>
/// Cross-sell suggestions per account from the categories every account bought (non-negative lines; read from the KPI
/// facts of migration 0014, one row per account): association rules over all accounts, applied to one account.
/// The fitted rules are a snapshot (<see cref="Model"/>), so a caller may keep them for a while.
/// </summary>
public sealed class CrossSellSuggestions(CrossSellModel model)
{
    public CrossSellModel Model { get; } = model;

    /// <summary>Mines the rules from the database.</summary>
    public static async Task<CrossSellSuggestions> FitAsync(RapportDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var lease = await ContextConnection.OpenAsync(db, ct);
        var connection = lease.Connection;
        await KpiFacts.RefreshAsync(connection, ct);
        var purchases = new List<(string, string)>();
        await using var command = new NpgsqlCommand(
            "SELECT account_id, categories FROM kpi_account_facts WHERE cardinality(categories) > 0", connection) { CommandTimeout = 0 };
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var account = reader.GetInt64(0).ToString(System.Globalization.CultureInfo.InvariantCulture);
            foreach (var category in reader.GetFieldValue<string[]>(1))
            {
                purchases.Add((account, category));
            }
        }
        return new CrossSellSuggestions(CrossSellModel.Fit(purchases));
    }

    /// <summary>The suggestions for one account, best (highest lift) first; empty when it bought nothing or no rule applies.</summary>
    public IReadOnlyList<CrossSellSuggestion> For(long accountId) =>
        Model.Recommend(accountId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Select(r => new CrossSellSuggestion(r.Category, r.Rule.Antecedent, r.Rule.Accounts, r.Rule.Support, r.Rule.Confidence, r.Rule.Lift,
                string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{r.Rule.Confidence:P0} of the accounts buying {r.Rule.Antecedent} also buy {r.Category} ({r.Rule.Accounts} accounts), {r.Rule.Lift:0.00} times as often as accounts in general.")))
            .ToList();
}
