namespace Rapport.Web.Infrastructure;

/// <summary>
/// One feature of the host (a folder under <c>Features/</c>): its services and its endpoints. Every subclass is found
/// at start-up, so adding a feature needs no edit outside its folder (docs/architecture.md).
/// </summary>
internal abstract class FeatureModule
{
    /// <summary>Settings, use cases, page queries and background jobs of the feature.</summary>
    public virtual void AddServices(WebApplicationBuilder builder)
    {
    }

    /// <summary>Endpoints under <c>/api/v1</c>; the group already requires a login and answers problem details.</summary>
    public virtual void MapApi(RouteGroupBuilder api)
    {
    }

    /// <summary>Endpoints outside the API: form posts of staff pages, public respondent and customer pages.</summary>
    public virtual void MapEndpoints(WebApplication app)
    {
    }
}

/// <summary>Finds the feature modules of this assembly and lets each register and map itself.</summary>
internal static class FeatureModules
{
    private static readonly Lazy<FeatureModule[]> All = new(() => typeof(FeatureModule).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsClass: true } && t.IsSubclassOf(typeof(FeatureModule)))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (FeatureModule)Activator.CreateInstance(t)!)
        .ToArray());

    public static void AddFeatures(this WebApplicationBuilder builder)
    {
        foreach (var module in All.Value)
        {
            module.AddServices(builder);
        }
    }

    public static void MapFeatureApis(this RouteGroupBuilder api)
    {
        foreach (var module in All.Value)
        {
            module.MapApi(api);
        }
    }

    public static void MapFeatureEndpoints(this WebApplication app)
    {
        foreach (var module in All.Value)
        {
            module.MapEndpoints(app);
        }
    }
}
