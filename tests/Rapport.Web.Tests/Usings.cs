global using Microsoft.AspNetCore.DataProtection;
global using Microsoft.Extensions.DependencyInjection;

namespace Rapport.Web.Tests;
