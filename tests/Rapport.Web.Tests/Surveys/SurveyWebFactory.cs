using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Core.Data;

namespace Rapport.Web.Tests.Surveys;

/// <summary>The app over a test database, with configurable respondent rate limits.</summary>
public sealed class SurveyWebFactory(string connectionString, int requestsPerMinute = 10_000, int failedLookups = 1_000) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Rapport", connectionString);
        builder.UseSetting("Rapport:SeedDemoData", "false");
        builder.UseSetting("Rapport:Surveys:RateLimit:RequestsPerMinute", requestsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Rapport:Surveys:RateLimit:FailedLookups", failedLookups.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureTestServices(services =>
        {
            // The host registers the database once its database setup is in place; until then the test does.
            if (!services.Any(d => d.ServiceType == typeof(RapportDbContext)))
            {
                services.AddRapportData(connectionString);
            }
        });
    }
}
