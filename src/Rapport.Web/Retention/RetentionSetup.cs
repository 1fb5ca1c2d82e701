using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Rapport.Core.Retention;
using Rapport.Core.Retention.Scoring;

namespace Rapport.Web.Retention;

/// <summary>Retention management in the host: the scoring worker and its settings (<c>Rapport:Scoring</c>).</summary>
internal static class RetentionSetup
{
    public static void AddRapportRetention(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ScoringOptions>().Bind(builder.Configuration.GetSection(ScoringOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ScoringOptions>, ScoringOptionsValidation>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ScoringCoordinator>();
        services.AddSingleton<ScoringWakeUp>();
        services.AddHostedService<ScoringWorker>();
    }

    /// <summary>Bad settings stop the start with a message naming the setting, instead of failing at night.</summary>
    private sealed class ScoringOptionsValidation : IValidateOptions<ScoringOptions>
    {
        public ValidateOptionsResult Validate(string? name, ScoringOptions options)
        {
            try
            {
                options.Validate();
                return ValidateOptionsResult.Success;
            }
            catch (ScoringOptionsException ex)
            {
                return ValidateOptionsResult.Fail(ex.Message);
            }
        }
    }
}
