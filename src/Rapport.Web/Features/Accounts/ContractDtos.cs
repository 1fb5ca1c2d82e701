namespace Rapport.Web.Features.Accounts;

/// <summary>A contract; <see cref="ContractId"/> is the contract number (CSV <c>contract_id</c>).</summary>
/// <param name="IsOpen">Running today (started, not ended) and not terminated.</param>
public sealed record ContractItem(
    long Id,
    string ContractId,
    long AccountId,
    string AccountExternalId,
    DateOnly StartDate,
    DateOnly? EndDate,
    int? NoticeDays,
    bool AutoRenew,
    decimal? AnnualValue,
    DateOnly? TerminatedOn,
    bool IsOpen,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
