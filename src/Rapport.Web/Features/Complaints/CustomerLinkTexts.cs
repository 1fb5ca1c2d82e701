namespace Rapport.Web.Features.Complaints;

/// <summary>
/// Names the texts of the customer's confirmation page (<c>/c/{token}</c>), CustomerLinkTexts.resx (English) and
/// CustomerLinkTexts.de.resx, for <c>IStringLocalizer&lt;CustomerLinkTexts&gt;</c>.
/// </summary>
internal sealed class CustomerLinkTexts;
