using Rapport.Web.Api;
using Rapport.Web.Auth;
using Rapport.Web.Complaints;
using Rapport.Web.Components;
using Rapport.Web.Infrastructure;
using Rapport.Web.Retention;
using Rapport.Web.Surveys;

var builder = WebApplication.CreateBuilder(args);

await builder.AddRapportDatabaseAsync();
builder.AddRapportAuth();
builder.AddRapportApi();
builder.AddRapportUi();
builder.AddRapportSurveys();
builder.AddRapportComplaints();
builder.AddRapportRetention();
builder.AddRapportLoyaltyAndPlans();

var app = builder.Build();

await app.PrepareDatabaseAsync();
app.UseRapportPipeline();
app.MapRapportAuth();
app.MapRapportApi();
app.MapRapportUi();
app.MapRapportSurveys();
app.MapRapportComplaints();
app.MapRapportRetention();

await app.RunAsync();

/// <summary>Entry point; public so that WebApplicationFactory can host the app in tests.</summary>
public partial class Program;
