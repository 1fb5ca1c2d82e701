using Npgsql;
using Rapport.Core.Import.Rules;
using static Rapport.Core.Import.Rules.ContractRules;

namespace Rapport.Core.Import;

/// <summary>Contracts, idempotent on contract_id (stored as contract_no); the account must exist.</summary>
internal sealed class ContractImport(ImportContext context) : EntityImport<ContractInput>(context)
{
    private static readonly StageColumn[] Stage =
    [
        new("contract_no", "text"), new("account_external_id", "text"), new("start_date", "date"), new("end_date", "date"),
        new("notice_days", "integer"), new("auto_renew", "boolean"), new("annual_value", "numeric(14,2)"), new("terminated_on", "date"),
    ];

    private static readonly Binding[] Bindings =
    [
        new(-1, "account_id", "a.id"), new(StartDate, "start_date", "s.start_date"), new(EndDate, "end_date", "s.end_date"),
        new(NoticeDays, "notice_days", "s.notice_days"), new(AutoRenew, "auto_renew", "coalesce(s.auto_renew, false)"),
        new(AnnualValue, "annual_value", "s.annual_value"), new(TerminatedOn, "terminated_on", "s.terminated_on"),
    ];

    public override EntitySchema Schema => ContractRules.Schema;

    public override IReadOnlyList<StageColumn> StageColumns => Stage;

    public override RuleResult<ContractInput> Parse(IFieldValues values, ValueFormat format) => ContractRules.Parse(values, format);

    public override void Write(NpgsqlBinaryImporter w, ContractInput c)
    {
        w.Text(c.ContractId);
        w.Text(c.AccountExternalId);
        w.Date(c.StartDate);
        w.Date(c.EndDate);
        w.Int(c.NoticeDays);
        w.Bool(c.AutoRenew);
        w.Decimal(c.AnnualValue);
        w.Date(c.TerminatedOn);
    }

    public override IEnumerable<SqlCheck> Checks()
    {
        yield return Duplicates("contract_id", "contract_no", "contract_id");
        yield return AccountExists();
        if (!Present(EndDate))
        {
            // The file keeps the stored end date; the new start must not come after it.
            yield return new SqlCheck("start_date", """
                SELECT s.line, format('start_date %s is after the stored end_date %s of contract %L', s.start_date, c.end_date, s.contract_no)
                FROM import_stage s JOIN contracts c ON c.contract_no = s.contract_no
                WHERE s.reason IS NULL AND c.end_date < s.start_date
                """);
        }
    }

    public override Task<ImportCounts> CountAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var bindings = PresentBindings(Bindings).ToList();
        return ReadCountsAsync(connection, $"""
            SELECT count(*) FILTER (WHERE c.id IS NULL),
                   count(*) FILTER (WHERE c.id IS NOT NULL AND x.changed),
                   count(*) FILTER (WHERE c.id IS NOT NULL AND NOT x.changed)
            FROM import_stage s
            JOIN accounts a ON a.external_id = s.account_external_id
            LEFT JOIN contracts c ON c.contract_no = s.contract_no
            CROSS JOIN LATERAL (SELECT {Changed(bindings, "c", null)} AS changed) x
            WHERE s.reason IS NULL
            """, ct);
    }

    public override async Task ApplyAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var bindings = PresentBindings(Bindings).ToList();
        await ExecuteAsync(connection, $"""
            INSERT INTO contracts (contract_no, {string.Join(", ", bindings.Select(b => b.Column))})
            SELECT s.contract_no, {string.Join(", ", bindings.Select(b => b.Source))}
            FROM import_stage s JOIN accounts a ON a.external_id = s.account_external_id
            WHERE s.reason IS NULL
            ON CONFLICT (contract_no) DO UPDATE
            SET {string.Join(", ", bindings.Select(b => $"{b.Column} = excluded.{b.Column}"))}, updated_at = now()
            WHERE {Changed(bindings, "contracts", "excluded")}
            """, ct);
    }
}
