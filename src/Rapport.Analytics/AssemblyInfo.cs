namespace Rapport.Analytics;
