using Rapport.Core.Accounts.Records;

namespace Rapport.Web.Features.Accounts;

/// <summary>Accounts and their records (contacts, orders, interactions, contracts): pages and API.</summary>
internal sealed class AccountsModule : FeatureModule
{
    public override void AddServices(WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AccountListQuery>();
        builder.Services.AddScoped<AccountDetailQuery>();
        builder.Services.AddScoped<AccountRecords>();
    }

    public override void MapApi(RouteGroupBuilder api)
    {
        api.MapAccountsApi();
        api.MapContactsApi();
        api.MapOrdersApi();
        api.MapInteractionsApi();
        api.MapContractsApi();
    }
}
