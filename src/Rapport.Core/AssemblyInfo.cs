namespace Rapport.Core;
