using Rapport.Web.Components;
using Rapport.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

await builder.AddRapportDatabaseAsync();
builder.AddRapportApi();
builder.AddRapportUi();
// Every feature folder registers its own services and endpoints (Infrastructure/FeatureModule.cs).
builder.AddFeatures();

var app = builder.Build();

await app.PrepareDatabaseAsync();
app.UseRapportPipeline();
app.MapRapportApi();
app.MapRapportUi();
app.MapFeatureEndpoints();

await app.RunAsync();

/// <summary>Entry point; public so that WebApplicationFactory can host the app in tests.</summary>
public partial class Program;
