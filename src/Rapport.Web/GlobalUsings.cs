global using Rapport.Web.Infrastructure;
global using Rapport.Web.Features.Identity;
global using Rapport.Core.Identity;
global using Rapport.Core.Auditing;
