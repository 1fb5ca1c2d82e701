namespace Rapport.Core.Import.Rules;

/// <summary>A contract as read from a file row or an API request (docs/import.md#columns, contracts); null means "not given".</summary>
public sealed record ContractInput
{
    public string? ContractId { get; init; }
    public string? AccountExternalId { get; init; }
    public DateOnly? StartDate { get; init; }
    public DateOnly? EndDate { get; init; }
    public int? NoticeDays { get; init; }
    public bool? AutoRenew { get; init; }
    public decimal? AnnualValue { get; init; }
    public DateOnly? TerminatedOn { get; init; }
}

/// <summary>
/// Row rules for contracts: required contract_id, account_external_id and start_date; end_date and terminated_on not
/// before start_date; non-negative whole notice_days; non-negative annual_value; yes/no auto_renew.
/// The account reference is checked against the database by the caller.
/// </summary>
public static class ContractRules
{
    public const int ContractId = 0, AccountExternalId = 1, StartDate = 2, EndDate = 3, NoticeDays = 4, AutoRenew = 5,
        AnnualValue = 6, TerminatedOn = 7;

    /// <summary>The CSV columns (docs/import.md#columns) of contracts.</summary>
    public static readonly EntitySchema Schema = new("contracts",
    [
        new("contract_id", true), new("account_external_id", true), new("start_date", true), new("end_date", false),
        new("notice_days", false), new("auto_renew", false), new("annual_value", false), new("terminated_on", false),
    ]);

    /// <summary>Parses raw texts and applies all rules.</summary>
    public static RuleResult<ContractInput> Parse(IFieldValues values, ValueFormat? format = null)
    {
        var r = new RecordReader(Schema, values, format ?? ValueFormat.Default);
        var input = new ContractInput
        {
            ContractId = r.Id(ContractId, required: true),
            AccountExternalId = r.Id(AccountExternalId, required: true),
            StartDate = r.Date(StartDate, required: true),
            EndDate = r.Date(EndDate),
            NoticeDays = r.Integer(NoticeDays),
            AutoRenew = r.Boolean(AutoRenew),
            AnnualValue = r.Number(AnnualValue),
            TerminatedOn = r.Date(TerminatedOn),
        };
        Validate(input, r.ErrorList);
        return new RuleResult<ContractInput>(input, r.Errors);
    }

    /// <summary>Applies the rules to typed input (e.g. a deserialised API request).</summary>
    public static IReadOnlyList<FieldError> Validate(ContractInput input)
    {
        var errors = new List<FieldError>();
        Validate(input, errors);
        return errors;
    }

    private static void Validate(ContractInput input, List<FieldError> errors)
    {
        Rule.Required(errors, "contract_id", input.ContractId);
        Rule.Required(errors, "account_external_id", input.AccountExternalId);
        Rule.Required(errors, "start_date", input.StartDate);
        Rule.NotBefore(errors, "end_date", input.EndDate, "start_date", input.StartDate);
        Rule.NotBefore(errors, "terminated_on", input.TerminatedOn, "start_date", input.StartDate);
        Rule.NonNegative(errors, "notice_days", input.NoticeDays);
        Rule.NonNegative(errors, "annual_value", input.AnnualValue);
        Rule.Fits(errors, "annual_value", input.AnnualValue, 14, 2);
    }
}
