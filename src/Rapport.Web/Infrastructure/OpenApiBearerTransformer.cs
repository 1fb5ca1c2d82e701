using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Rapport.Web.Infrastructure;

/// <summary>Declares the personal-access-token bearer scheme in the OpenAPI document and requires it document-wide.</summary>
internal sealed class OpenApiBearerTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Rapport API";
        document.Info.Description = "B2B relationship quality and customer retention. Authenticate with `Authorization: Bearer rpt_…` "
            + "(create a token with `rapport tokens create`). Errors are RFC 9457 problem details.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "rpt_ personal access token",
            Description = "A personal access token: `rpt_` followed by 43 base64url characters.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] });
        return Task.CompletedTask;
    }
}
