// One-off: generated the .resx files of src/Rapport.Web from the typed string tables they replace (run as
// `dotnet run tools/localization/ResxFromTables.cs -- <Rapport.Web bin dir> <out dir> src/Rapport.Web` against a build
// that still has the tables). Kept in history to show how the resources were made; removed with the tables.
#:sdk Microsoft.NET.Sdk.Web
#:property TargetFramework=net10.0
#:property Nullable=enable
#:property TreatWarningsAsErrors=false
// Generates .resx files from the compiled hand-written string tables of Rapport.Web (reflection over the built dll).
using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Xml.Linq;

var binDir = args[0];
var outRoot = args[1];
var srcRoot = args[2];
AppDomain.CurrentDomain.AssemblyResolve += (_, e) =>
{
    var p = Path.Combine(binDir, new AssemblyName(e.Name).Name + ".dll");
    return File.Exists(p) ? Assembly.LoadFrom(p) : null;
};
var asm = Assembly.LoadFrom(Path.Combine(binDir, "Rapport.Web.dll"));
Type T(string n) => asm.GetType(n) ?? throw new Exception(n);

var tables = new (string Base, string En, string De, string Resx)[]
{
    ("Rapport.Web.Components.Localization.UiText", "Rapport.Web.Components.Localization.EnglishText", "Rapport.Web.Components.Localization.GermanText", "Components/Localization/SharedTexts"),
    ("Rapport.Web.Features.Insights.InsightsText", "Rapport.Web.Features.Insights.InsightsTextEnglish", "Rapport.Web.Features.Insights.InsightsTextGerman", "Features/Insights/InsightsTexts"),
    ("Rapport.Web.Features.Surveys.SurveyText", "Rapport.Web.Features.Surveys.EnglishSurveyText", "Rapport.Web.Features.Surveys.GermanSurveyText", "Features/Surveys/SurveyTexts"),
    ("Rapport.Web.Features.Retention.KpiText", "Rapport.Web.Features.Retention.EnglishKpiText", "Rapport.Web.Features.Retention.GermanKpiText", "Features/Retention/RetentionTexts"),
    ("Rapport.Web.Features.Retention.RetentionText", "Rapport.Web.Features.Retention.EnglishRetentionText", "Rapport.Web.Features.Retention.GermanRetentionText", "Features/Retention/RetentionTexts"),
    ("Rapport.Web.Features.Complaints.ComplaintsText", "Rapport.Web.Features.Complaints.EnglishComplaintsText", "Rapport.Web.Features.Complaints.GermanComplaintsText", "Features/Complaints/ComplaintsTexts"),
    ("Rapport.Web.Features.Plans.PlanText", "Rapport.Web.Features.Plans.EnglishPlanText", "Rapport.Web.Features.Plans.GermanPlanText", "Features/Plans/PlanTexts"),
    ("Rapport.Web.Features.Loyalty.LoyaltyText", "Rapport.Web.Features.Loyalty.EnglishLoyaltyText", "Rapport.Web.Features.Loyalty.GermanLoyaltyText", "Features/Loyalty/LoyaltyTexts"),
    ("Rapport.Web.Features.Webhooks.WebhooksText", "Rapport.Web.Features.Webhooks.EnglishWebhooksText", "Rapport.Web.Features.Webhooks.GermanWebhooksText", "Features/Webhooks/WebhooksTexts"),
};
var files = new Dictionary<string, (SortedDictionary<string, string> En, SortedDictionary<string, string> De)>();
var labelsEn = new SortedDictionary<string, string>(StringComparer.Ordinal);
var labelsDe = new SortedDictionary<string, string>(StringComparer.Ordinal);
var report = new StringBuilder();
var en = CultureInfo.GetCultureInfo("en");
var de = CultureInfo.GetCultureInfo("de");

void Add(SortedDictionary<string, string> d, string key, string value, string where)
{
    if (d.TryGetValue(key, out var old) && old != value) report.AppendLine($"CONFLICT {where} {key}: '{old}' vs '{value}'");
    d[key] = value;
}

object Make(string n) => Activator.CreateInstance(T(n), nonPublic: true)!;
string Call(object o, MethodInfo m, object?[] a, CultureInfo c)
{
    CultureInfo.CurrentCulture = c; CultureInfo.CurrentUICulture = c;
    return (string)o.GetType().GetMethod(m.Name, m.GetParameters().Select(p => p.ParameterType).ToArray())!.Invoke(o, a)!;
}

foreach (var (b, e, g, resx) in tables)
{
    if (!files.TryGetValue(resx, out var f)) files[resx] = f = (new(StringComparer.Ordinal), new(StringComparer.Ordinal));
    var bt = T(b); var eo = Make(e); var go = Make(g);
    foreach (var p in bt.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.PropertyType == typeof(string)))
    {
        CultureInfo.CurrentUICulture = en; CultureInfo.CurrentCulture = en;
        Add(f.En, p.Name, (string)p.GetValue(eo)!, resx);
        CultureInfo.CurrentUICulture = de; CultureInfo.CurrentCulture = de;
        Add(f.De, p.Name, (string)p.GetValue(go)!, resx);
    }
    foreach (var m in bt.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Where(m => m.ReturnType == typeof(string) && !m.IsSpecialName))
    {
        var ps = m.GetParameters();
        if (ps.Length == 1 && ps[0].ParameterType.IsEnum)
        {
            var et = ps[0].ParameterType;
            var isLabel = m.Name.EndsWith("Name");
            foreach (var v in Enum.GetValues(et))
            {
                var ev = Call(eo, m, [v], en); var gv = Call(go, m, [v], de);
                if (isLabel) { Add(labelsEn, $"{et.Name}.{v}", ev, "EnumLabels via " + b + "." + m.Name); Add(labelsDe, $"{et.Name}.{v}", gv, "EnumLabels via " + b + "." + m.Name); }
                else { Add(f.En, $"{m.Name}.{v}", ev, resx); Add(f.De, $"{m.Name}.{v}", gv, resx); }
            }
            report.AppendLine($"ENUM {b}.{m.Name}({et.Name}) -> {(isLabel ? "EnumLabels" : resx)}");
            continue;
        }

        // Methods that branch on their argument: one key per branch, found from the switch arms of the source.
        if (Cases(m) is { } cases)
        {
            foreach (var (suffix, a, holes) in cases)
            {
                string Fill(object o, CultureInfo c)
                {
                    var s = Call(o, m, a, c);
                    if (s is null) return null!;
                    foreach (var (from, to) in holes) s = s.Replace(from(c), to);
                    return s;
                }
                var key = suffix.Length == 0 ? m.Name : m.Name + "." + suffix;
                var ve = Fill(eo, en); var vg = Fill(go, de);
                if (ve is null || ve == "{0}" || ve == "{1}" || ve.Length == 0) { report.AppendLine($"ECHO {b}.{m.Name} {suffix}"); continue; }
                Add(f.En, key, ve, resx); Add(f.De, key, vg, resx);
                report.AppendLine($"CASE {b}.{key}: en='{ve}' de='{vg}'");
            }
            continue;
        }
        // Format method: strings become {i}, numbers a sentinel recognised in the output.
        string Template(object o, CultureInfo c, int? oneAt)
        {
            var a = new object?[ps.Length];
            for (var i = 0; i < ps.Length; i++)
            {
                var t = ps[i].ParameterType;
                if (t == typeof(string)) a[i] = "{" + i + "}";
                else if (t == typeof(int) || t == typeof(int?)) a[i] = oneAt == i ? 1 : 1234561 + i;
                else if (t == typeof(long)) a[i] = oneAt == i ? 1L : (long)(1234561 + i);
                else if (t == typeof(double)) a[i] = oneAt == i ? 1.0 : 1234561.0 + i;
                else throw new NotSupportedException(t.Name);
            }
            var s = Call(o, m, a, c);
            for (var i = 0; i < ps.Length; i++)
            {
                if (ps[i].ParameterType == typeof(string) || oneAt == i) continue;
                var n = 1234561 + i;
                var n0 = n.ToString("N0", c);
                if (s.Contains(n0)) s = s.Replace(n0, "{" + i + ":N0}");
                else if (s.Contains(n.ToString(CultureInfo.InvariantCulture))) s = s.Replace(n.ToString(CultureInfo.InvariantCulture), "{" + i + "}");
                else report.AppendLine($"MANUAL-NUM {b}.{m.Name} arg {i}: '{s}'");
            }
            return s;
        }
        try
        {
            var te = Template(eo, en, null); var tg = Template(go, de, null);
            Add(f.En, m.Name, te, resx); Add(f.De, m.Name, tg, resx);
            var sig = string.Join(",", ps.Select(p => p.ParameterType.Name + " " + p.Name));
            report.AppendLine($"FORMAT {b}.{m.Name}({sig}): en='{te}' de='{tg}'");
            for (var i = 0; i < ps.Length; i++)
            {
                if (ps[i].ParameterType == typeof(string)) continue;
                var oe = Template(eo, en, i); var og = Template(go, de, i);
                var ee = te.Replace("{" + i + ":N0}", "1").Replace("{" + i + "}", "1");
                var gg = tg.Replace("{" + i + ":N0}", "1").Replace("{" + i + "}", "1");
                if (oe != ee || og != gg)
                {
                    if (ps.Length != 1) throw new Exception("plural with several arguments: " + m.Name);
                    Add(f.En, m.Name + ".One", oe, resx); Add(f.De, m.Name + ".One", og, resx);
                    report.AppendLine($"  PLURAL arg {i}: en1='{oe}' de1='{og}'");
                }
            }
        }
        catch (Exception ex) { report.AppendLine($"MANUAL {b}.{m.Name}: {ex.GetType().Name} {ex.InnerException?.Message ?? ex.Message}"); }
    }
}


// Sentinel number → placeholder, per culture.
static (Func<CultureInfo, string>, string) N(double v, string fmt, int hole) => (c => v.ToString(fmt, c), "{" + hole + ":" + fmt + "}");
static (Func<CultureInfo, string>, string) I(long v, int hole) => (c => v.ToString(CultureInfo.InvariantCulture), "{" + hole + "}");
static (Func<CultureInfo, string>, string) Str(int hole) => (_ => "\u0001" + hole, "{" + hole + "}");

List<(string, object?[], (Func<CultureInfo, string>, string)[])>? Cases(MethodInfo m)
{
    var name = m.DeclaringType!.Name + "." + m.Name;
    var ps = m.GetParameters();
    List<(string, object?[], (Func<CultureInfo, string>, string)[])> list = [];
    void Codes(string source, string className, params string[] extraArgs)
    {
        // The literals and constants the English switch compares with.
        var text = File.ReadAllText(Path.Combine(srcRoot, source));
        var start = text.IndexOf("class " + className, StringComparison.Ordinal);
        var at = text.IndexOf(" " + m.Name + "(", start, StringComparison.Ordinal);
        var end = text.IndexOf("public override", at + 10, StringComparison.Ordinal);
        var body = text[at..(end < 0 ? text.Length : end)];
        var codes = new List<string>();
        foreach (System.Text.RegularExpressions.Match x in System.Text.RegularExpressions.Regex.Matches(body, "(?:\"([^\"\\n]*)\"|([A-Z][\\w.]*\\.[A-Z]\\w*))\\s*(?==>|or\\b|\\?)"))
        {
            var code = x.Groups[1].Success ? x.Groups[1].Value : Constant(x.Groups[2].Value);
            if (!codes.Contains(code)) codes.Add(code);
        }
        foreach (System.Text.RegularExpressions.Match x in System.Text.RegularExpressions.Regex.Matches(body, "==\\s*\"([^\"]*)\""))
            if (!codes.Contains(x.Groups[1].Value)) codes.Add(x.Groups[1].Value);
        foreach (var code in codes) list.Add((code, [code, .. extraArgs.Select(object? (e) => "\u0001" + (1 + Array.IndexOf(extraArgs, e)))], [Str(1)]));
        list.Add(("Other", ["\u0001" + "0", .. extraArgs.Select(object? (e) => "\u0001" + (1 + Array.IndexOf(extraArgs, e)))], [Str(0), Str(1)]));
    }
    switch (name)
    {
        case "UiText.DaysAgo":
            list.Add(("Zero", [0], [])); list.Add(("One", [1], [])); list.Add(("", [1234561], [N(1234561, "N0", 0)])); return list;
        case "InsightsText.IntervalMethod": Codes("Features/Insights/InsightsTextEnglish.cs", "InsightsTextEnglish"); return list;
        case "InsightsText.MethodName": Codes("Features/Insights/InsightsTextEnglish.cs", "InsightsTextEnglish"); return list;
        case "InsightsText.ItemName": Codes("Features/Insights/InsightsTextEnglish.cs", "InsightsTextEnglish"); return list;
        case "InsightsText.DriverChartTitle":
            list.Add(("Overall", [null], [])); list.Add(("", ["\u00010"], [Str(0)])); return list;
        case "SurveyText.Done": Codes("Features/Surveys/EnglishSurveyText.cs", "EnglishSurveyText", "item"); return list;
        case "SurveyText.Error": Codes("Features/Surveys/EnglishSurveyText.cs", "EnglishSurveyText"); return list;
        case "SurveyText.LanguageName": Codes("Features/Surveys/EnglishSurveyText.cs", "EnglishSurveyText"); return list;
        case "SurveyText.MailResultTitle": list.Add(("Reminders", [true], [])); list.Add(("Invitations", [false], [])); return list;
        case "KpiText.PeriodError": Codes("Features/Retention/KpiText.cs", "EnglishKpiText"); return list;
        case "KpiText.ValueBasis": Codes("Features/Retention/KpiText.cs", "EnglishKpiText"); return list;
        case "KpiText.FeatureName": Codes("Features/Retention/KpiText.cs", "EnglishKpiText"); return list;
        case "RetentionText.EvidenceKindName": Codes("Features/Retention/RetentionText.cs", "EnglishRetentionText"); return list;
        case "RetentionText.DurationDays":
            list.Add(("LessThanADay", [0.5], []));
            list.Add(("Days", [1234561.0 / 1e5], [N(1234561.0 / 1e5, "N0", 0)]));
            list.Add(("Months", [300.0], [N(300.0 / 30.4375, "N0", 0)]));
            list.Add(("Years", [1000.0], [N(1000.0 / 365.25, "N1", 0)]));
            return list;
        case "ComplaintsText.DaysValue":
            list.Add(("Small", [5.25], [N(5.25, "0.0", 0)])); list.Add(("", [12.0], [N(12.0, "0", 0)])); return list;
        case "ComplaintsText.SatisfactionLabel":
        case "PlanText.StrengthName":
        case "PlanText.ScoreName":
            for (var v = 1; v <= 5; v++) list.Add((v.ToString(CultureInfo.InvariantCulture), [v], []));
            return list;
        case "ComplaintsText.FieldProblem": Codes("Features/Complaints/ComplaintsText.cs", "EnglishComplaintsText", "message"); return list;
        case "WebhooksText.FieldProblem": Codes("Features/Webhooks/WebhooksText.cs", "EnglishWebhooksText", "message"); return list;
        case "WebhooksText.EventTypeName": Codes("Features/Webhooks/WebhooksText.cs", "EnglishWebhooksText"); return list;
        case "PlanText.ReviewDueSince": list.Add(("Today", [0], [])); list.Add(("", [1234561], [I(1234561, 0)])); return list;
        case "LoyaltyText.MonthsValue": list.Add(("Years", [12 * 1234561], [I(1234561, 0)])); list.Add(("", [23], [I(23, 0)])); return list;
        case "LoyaltyText.MissingForNextTier":
            list.Add(("NoMonths", ["\u00010", "\u00011", 0], [Str(0), Str(1)]));
            list.Add(("", ["\u00010", "\u00011", 1234562], [Str(0), Str(1), I(1234562, 2)])); return list;
        case "LoyaltyText.RewardName": case "LoyaltyText.TierName": return list; // master data in two languages, not texts
        default: return null;
    }
}

static IEnumerable<Type> SafeTypes(Assembly a) { try { return a.GetTypes(); } catch (ReflectionTypeLoadException e) { return e.Types.Where(t => t is not null)!; } }

string Constant(string dotted)
{
    var i = dotted.LastIndexOf('.');
    var typeName = dotted[..i]; var field = dotted[(i + 1)..];
    foreach (var a in AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name!.StartsWith("Rapport", StringComparison.Ordinal)))
        foreach (var t in SafeTypes(a).Where(t => t.FullName!.EndsWith(typeName, StringComparison.Ordinal) || t.Name == typeName))
            if (t.GetField(field, BindingFlags.Public | BindingFlags.Static) is { } fi) return (string)fi.GetRawConstantValue()!;
    throw new Exception("constant " + dotted);
}

void Write(string path, SortedDictionary<string, string> d)
{
    var root = new XElement("root",
        new XElement("resheader", new XAttribute("name", "resmimetype"), new XElement("value", "text/microsoft-resx")),
        new XElement("resheader", new XAttribute("name", "version"), new XElement("value", "2.0")),
        new XElement("resheader", new XAttribute("name", "reader"), new XElement("value", "System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089")),
        new XElement("resheader", new XAttribute("name", "writer"), new XElement("value", "System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089")),
        d.Select(kv => new XElement("data", new XAttribute("name", kv.Key), new XAttribute(XNamespace.Xml + "space", "preserve"), new XElement("value", kv.Value))));
    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
    new XDocument(new XDeclaration("1.0", "utf-8", null), root).Save(path);
}
foreach (var (resx, f) in files) { Write(Path.Combine(outRoot, resx + ".resx"), f.En); Write(Path.Combine(outRoot, resx + ".de.resx"), f.De); report.AppendLine($"KEYS {resx}: {f.En.Count}/{f.De.Count}"); }
Write(Path.Combine(outRoot, "Components/Localization/EnumLabels.resx"), labelsEn);
Write(Path.Combine(outRoot, "Components/Localization/EnumLabels.de.resx"), labelsDe);
report.AppendLine($"KEYS EnumLabels: {labelsEn.Count}/{labelsDe.Count}");
Console.Write(report);
