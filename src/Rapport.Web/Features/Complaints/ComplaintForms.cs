using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Rapport.Core.Complaints;
using Rapport.Core.Data;

namespace Rapport.Web.Features.Complaints;

/// <summary>The new-complaint form of <c>/complaints</c> (posted as <c>Form.*</c> fields).</summary>
public sealed class NewComplaintForm
{
    public string? AccountExternalId { get; set; }
    public string? Category { get; set; }
    public string? Severity { get; set; }
    public string? Subject { get; set; }
    public string? Description { get; set; }
    public string? Touchpoint { get; set; }
    public string? Phase { get; set; }

    /// <summary>An HTML <c>datetime-local</c> value (<c>2026-03-04T10:30</c>), read in the SLA time zone; empty means now.</summary>
    public string? ReceivedAt { get; set; }
}

/// <summary>A transition form of <c>/complaints/{id}</c>; which fields count depends on the action.</summary>
public sealed class TransitionForm
{
    public string? Action { get; set; }
    public string? Note { get; set; }
    public string? RootCause { get; set; }
    public string? Resolution { get; set; }
    public int? Satisfaction { get; set; }
}

/// <summary>The list's state in its URL (<c>/complaints?status=in_progress&amp;overdue=true&amp;page=2</c>).</summary>
internal sealed record ComplaintListState(
    ComplaintStatus? Status, ComplaintSeverity? Severity, ComplaintCategory? Category, long? AccountId, bool Overdue, bool OpenOnly, int Page)
{
    public const int PageSize = 50;

    public bool HasCriteria => Status is not null || Severity is not null || Category is not null || AccountId is not null || Overdue || OpenOnly;

    public static ComplaintListState Parse(string? status, string? severity, string? category, long? account, string? overdue, string? open, int? page) => new(
        EnumText.TryParse<ComplaintStatus>(status, out var s) ? s : null,
        EnumText.TryParse<ComplaintSeverity>(severity, out var v) ? v : null,
        EnumText.TryParse<ComplaintCategory>(category, out var c) ? c : null,
        account,
        overdue is "true" or "1" or "on",
        open is "true" or "1" or "on",
        page is > 0 ? page.Value : 1);

    public string Url(int? page = null)
    {
        var query = new Dictionary<string, string?>();
        if (Status is { } s)
        {
            query["status"] = EnumText.ToText(s);
        }
        if (Severity is { } v)
        {
            query["severity"] = EnumText.ToText(v);
        }
        if (Category is { } c)
        {
            query["category"] = EnumText.ToText(c);
        }
        if (AccountId is { } a)
        {
            query["account"] = a.ToString(CultureInfo.InvariantCulture);
        }
        if (Overdue)
        {
            query["overdue"] = "true";
        }
        if (OpenOnly)
        {
            query["open"] = "true";
        }
        if ((page ?? Page) > 1)
        {
            query["page"] = (page ?? Page).ToString(CultureInfo.InvariantCulture);
        }
        return QueryHelpers.AddQueryString("/complaints", query);
    }
}

/// <summary>Parsing of the <c>datetime-local</c> input in the SLA time zone.</summary>
internal static class LocalTimes
{
    public static bool TryParse(string? text, string timeZone, out DateTimeOffset? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        if (!DateTime.TryParseExact(text.Trim(), ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var local))
        {
            return false;
        }
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        value = new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
        return true;
    }
}
