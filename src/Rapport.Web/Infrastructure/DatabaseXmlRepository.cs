using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Auditing;
using Rapport.Core.Data;

namespace Rapport.Web.Infrastructure;

/// <summary>
/// Keeps the data-protection key ring in <c>data_protection_keys</c>, so that every app server decrypts the cookies
/// and antiforgery tokens of the others (stateless app servers, docs/scaling.md). The interface is synchronous by design.
/// </summary>
internal sealed class DatabaseXmlRepository(IDbContextFactory<RapportDbContext> contexts) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var db = contexts.CreateDbContext();
        return db.DataProtectionKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml).ToList()
            .Select(xml => XElement.Parse(xml))
            .ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var db = contexts.CreateDbContext();
        db.DataProtectionKeys.Add(new DataProtectionKey
        {
            FriendlyName = friendlyName,
            Xml = element.ToString(SaveOptions.DisableFormatting),
        });
        db.SaveChanges();
    }
}
