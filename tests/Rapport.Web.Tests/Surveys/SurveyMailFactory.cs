using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Rapport.Core.Accounts;
using Rapport.Core.Data;
using Rapport.Testing;
using Rapport.Web.Tests.Infrastructure;

namespace Rapport.Web.Tests.Surveys;

/// <summary>The app with its mail going to a local SMTP sink (and, when asked, a reminder job that looks every 0.6 s).</summary>
public class SurveyMailFactory : RapportApplicationFactory
{
    public SmtpSink Sink { get; } = new();

    /// <summary>Minutes between reminder runs; the default keeps the job out of the way of the other tests.</summary>
    protected virtual string ReminderInterval => "60";

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Rapport:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Rapport:Smtp:Port", Sink.Port.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Rapport:Smtp:Sender", "surveys@muster.test");
        builder.UseSetting("Rapport:Smtp:PublicBaseUrl", "https://rapport.test");
        builder.UseSetting("Rapport:Surveys:Reminders:CheckEveryMinutes", ReminderInterval);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Sink.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>An account with contacts (active, survey consent) and e-mail addresses; returns the account and contact ids.</summary>
    public async Task<(long AccountId, long[] ContactIds)> AccountWithContactsAsync(long? ownerId, params (bool Active, bool Consent, BuyingRole Role)[] contacts)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RapportDbContext>();
        var key = Guid.NewGuid().ToString("N")[..10];
        var account = new Account { ExternalId = "SV-" + key, Name = "Survey Kunde " + key, OwnerUserId = ownerId, KeyAccount = true, Segment = Segment.Regular };
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
        var ids = new List<long>();
        var n = 0;
        foreach (var (active, consent, role) in contacts)
        {
            n++;
            var contact = new Contact
            {
                AccountId = account.Id, ExternalId = $"SVC-{key}-{n}", FirstName = "Person", LastName = $"{n} {key}", Email = $"p{n}.{key}@example.test",
                IsActive = active, BuyingRole = role, Language = n % 2 == 0 ? "en" : "de",
            };
            db.Contacts.Add(contact);
            await db.SaveChangesAsync();
            db.Consents.Add(new Consent { ContactId = contact.Id, AccountId = account.Id, Purpose = ConsentPurpose.Surveys, Granted = consent, Source = "test" });
            await db.SaveChangesAsync();
            ids.Add(contact.Id);
        }
        return (account.Id, ids.ToArray());
    }
}

/// <summary>The same with the reminder job running every 0.6 seconds.</summary>
public sealed class FastReminderFactory : SurveyMailFactory
{
    protected override string ReminderInterval => "0.01";
}
