namespace Rapport.Web.Tests;
