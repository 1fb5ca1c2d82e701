namespace Rapport.Web.Features.Webhooks;

/// <summary>The create form of <c>/admin/webhooks</c>.</summary>
public sealed class WebhookForm
{
    public string? Url { get; set; }
    public string? Description { get; set; }
    public string[]? EventTypes { get; set; }
    public string? Secret { get; set; }
}

/// <summary>The row buttons of the subscription table: <c>test:{id}</c> or <c>delete:{id}</c>.</summary>
public sealed class WebhookCommandForm
{
    public string? Command { get; set; }
}
