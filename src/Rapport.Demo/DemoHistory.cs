using System.Globalization;
using Bogus;
using Rapport.Core.Accounts;

namespace Rapport.Demo;

/// <summary>
/// Generates one account's buying center, consents, contracts, orders and interactions. The orders are generated
/// until they really show the planned situation (growing, declining, lost, …) by the definitions of docs/definitions.md#retention-kpis and docs/retention.md,
/// each attempt from its own deterministic random stream; labels are therefore always true of the data.
/// </summary>
internal sealed class DemoHistory
{
    private const int MaxAttempts = 40;

    // Order intake by month: an August dip (plant holidays), budget-driven peaks in Q4.
    private static readonly double[] Season = [0.85, 0.95, 1.08, 1.0, 1.0, 1.05, 0.9, 0.6, 1.05, 1.12, 1.2, 1.2];

    private readonly DemoAccount a;
    private readonly DemoOptions options;
    private readonly DateOnly today;
    private readonly Random r;
    private readonly DemoTimeline timeline;
    private readonly List<(DemoOrder Order, int Sequence)> orders = [];
    private readonly List<DemoContract> contracts = [];
    private readonly List<(DateOnly Date, string MachineName, int Quantity)> machines = [];
    private readonly List<string> machinePark = [];
    private int initialMachines;
    private int sequence;

    private DemoHistory(DemoAccount account, DemoOptions options, int attempt)
    {
        a = account;
        this.options = options;
        today = options.AsOf;
        r = DemoRandom.Create(options.Seed, account.Index, 100 + attempt);
        timeline = DemoTimeline.Create(account, today, r);
    }

    public static DemoAccountHistory Generate(DemoAccount account, DemoOptions options, Func<string, Faker> fakers)
    {
        DemoHistory? chosen = null;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var candidate = new DemoHistory(account, options, attempt);
            candidate.BuildCommercialHistory();
            chosen = candidate;
            if (Classify(candidate.orders.Select(o => o.Order), options.AsOf) == account.Situation)
            {
                break;
            }
        }
        var h = chosen!;
        account.Situation = Classify(h.orders.Select(o => o.Order), options.AsOf);
        account.AcquiredOn = account.Situation == DemoSituation.Prospect ? null : h.timeline.AcquiredOn;

        var history = new DemoAccountHistory { Account = account };
        history.Contracts.AddRange(h.contracts);
        history.Orders.AddRange(h.NumberedOrders());
        // A per-instance Randomizer rather than the global Randomizer.Seed: the global is shared by everything in the
        // process (parallel tests, other seeds) and would make the names depend on who else draws from it.
        var faker = fakers(account.Locale);
        faker.Random = new Randomizer(DemoRandom.Mix(options.Seed, account.Index, 30));
        h.BuildContacts(history, faker, DemoRandom.Create(options.Seed, account.Index, 31));
        h.BuildConsents(history, DemoRandom.Create(options.Seed, account.Index, 32));
        h.BuildInteractions(history, DemoRandom.Create(options.Seed, account.Index, 33));
        return history;
    }

    /// <summary>The situation the orders show (the definitions of docs/definitions.md#retention-kpis and docs/retention.md on positive order lines up to <paramref name="today"/>).</summary>
    public static DemoSituation Classify(IEnumerable<DemoOrder> orders, DateOnly today)
    {
        var list = orders.Where(o => o.Date <= today).ToList();
        var dates = list.Where(o => o.Lines.Any(l => l.NetAmount > 0)).Select(o => o.Date).Distinct().Order().ToList();
        if (dates.Count == 0)
        {
            return DemoSituation.Prospect;
        }
        var cutoff = today.AddDays(-365);
        if (dates[0] > cutoff)
        {
            return DemoSituation.New;
        }
        if (dates[^1] <= cutoff)
        {
            return DemoSituation.Lost;
        }
        for (var i = 1; i < dates.Count; i++)
        {
            if (dates[i].DayNumber - dates[i - 1].DayNumber > 365)
            {
                return DemoSituation.WonBack;
            }
        }
        var prior = today.AddDays(-730);
        decimal last12 = 0, prior12 = 0;
        foreach (var o in list)
        {
            var sum = o.Lines.Sum(l => l.NetAmount);
            if (o.Date > cutoff)
            {
                last12 += sum;
            }
            else if (o.Date > prior)
            {
                prior12 += sum;
            }
        }
        if (prior12 <= 0)
        {
            return DemoSituation.Stable;
        }
        var ratio = last12 / prior12;
        return ratio >= 1.2m ? DemoSituation.Growing : ratio <= 0.7m ? DemoSituation.Declining : DemoSituation.Stable;
    }

    // ---------------------------------------------------------------- contracts and orders

    private void BuildCommercialHistory()
    {
        if (a.Situation == DemoSituation.Prospect)
        {
            return;
        }
        PlanMachines();
        PlanContracts();
        GenerateOrders();
    }

    private double Sf => a.SizeFactor;

    private void PlanMachines()
    {
        var range = DemoCatalog.MachinesByType[a.BusinessType];
        initialMachines = !timeline.Established ? 0 : a.BusinessType switch
        {
            BusinessType.Plant => r.Between(1, 4),
            BusinessType.System => r.Between(1, 3),
            BusinessType.Product => r.Between(1, 5),
            _ => r.Between(0, 1),
        };
        for (var i = 0; i < initialMachines; i++)
        {
            machinePark.Add(Machine(r.Pick(range)).Name);
        }

        if (a.Index == 2)
        {
            // Voltaris: a robot cell as first order, two more ordered recently for a second line.
            AddMachine(timeline.FirstDay, "MMR-6");
            AddMachine(DemoTimeline.NextBusinessDay(today.AddDays(-35)), "MMR-6", 2);
            return;
        }

        var rate = a.BusinessType switch
        {
            BusinessType.Product => 0.22,
            BusinessType.Plant => 0.10,
            BusinessType.System => 0.16,
            _ => 0.03,
        } * Math.Sqrt(Sf) * (a.KeyAccount ? 1.5 : 1.0);

        foreach (var (from, to) in timeline.Periods)
        {
            var last = a.Situation switch
            {
                // A machine in the last two years would dominate the 12-month comparison of stable accounts;
                // growing and declining accounts get their investment cycle placed below.
                DemoSituation.Stable or DemoSituation.Growing => Min(to, today.AddDays(-760)),
                DemoSituation.Declining => Min(to, today.AddDays(-365)),
                DemoSituation.Lost => to.AddDays(-200),
                _ => to,
            };
            if (last <= from)
            {
                continue;
            }
            var years = (last.DayNumber - from.DayNumber) / 365.25;
            var count = r.Poisson(rate * years);
            for (var i = 0; i < count; i++)
            {
                AddMachine(SeasonalDate(from, last), r.Pick(range));
            }
        }
        // Growth and decline are mostly investment cycles: a machine bought this year, or last year and nothing since.
        if (a.Situation == DemoSituation.Growing && r.Chance(0.8))
        {
            AddMachine(SeasonalDate(today.AddDays(-330), today.AddDays(-20)), r.Pick(range));
        }
        if (a.Situation == DemoSituation.Declining && (a.Index == 0 || r.Chance(0.5)))
        {
            AddMachine(a.Index == 0 ? today.AddDays(-540) : SeasonalDate(today.AddDays(-700), today.AddDays(-400)), a.Index == 0 ? "MMV-400" : r.Pick(range));
        }
        if (a.Situation == DemoSituation.New && a.BusinessType != BusinessType.Supplier && r.Chance(0.55))
        {
            AddMachine(timeline.FirstDay, r.Pick(range));
        }
        machines.Sort((x, y) => x.Date.CompareTo(y.Date));
    }

    private void AddMachine(DateOnly date, string sku, int quantity = 1)
    {
        var m = Machine(sku);
        machines.Add((DemoTimeline.NextBusinessDay(date), m.Name, quantity));
        machinePark.Add(m.Name);
    }

    private DateOnly SeasonalDate(DateOnly from, DateOnly to)
    {
        for (var i = 0; i < 50; i++)
        {
            var d = r.DateBetween(from, to);
            if (DemoTimeline.IsBusinessDay(d) && r.Chance(Season[d.Month - 1] / 1.2))
            {
                return d;
            }
        }
        return DemoTimeline.NextBusinessDay(from);
    }

    private void PlanContracts()
    {
        switch (a.Index)
        {
            case 0:
            {
                // Brenner: three-year full-service terms, not auto-renewing; the current term ends in 120 days,
                // so the 90-day notice deadline falls within the next 90 days.
                var end = today.AddDays(120);
                var start = end.AddDays(1).AddMonths(-36);
                var previous = start.AddMonths(-36);
                contracts.Add(new("SV-10001-01", previous.AddMonths(-36), previous.AddDays(-1), 90, false, 84_000m, null, "SV-WV-FULL"));
                contracts.Add(new("SV-10001-02", previous, start.AddDays(-1), 90, false, 90_000m, null, "SV-WV-FULL"));
                contracts.Add(new("SV-10001-03", start, end, 90, false, 96_000m, null, "SV-WV-FULL"));
                return;
            }
            case 1:
                Chain(today.AddYears(-7).AddDays(30), 24, 90, false, 18_400m, "SV-WV-PREMIUM", timeline.CustomerUntil, 0.0);
                Chain(timeline.Periods[^1].From.AddDays(14), 24, 90, false, 19_800m, "SV-WV-PREMIUM", null, 0.0);
                return;
            case 2:
                Chain(timeline.FirstDay.AddDays(85), 24, 90, true, 21_600m, "SV-WV-PREMIUM", null, 0.0);
                return;
            case 3:
                // Alpenmolkerei: a full-service contract since long before the window, five-year auto-renewing terms
                // with 180 days' notice — the lock-in the segment story is about.
                Chain(today.AddYears(-11).AddDays(-40), 60, 180, true, 186_000m, "SV-WV-FULL", null, 0.0);
                return;
            default:
                break;
        }

        var p = a.IsLockIn ? 1.0 : a.BusinessType switch
        {
            BusinessType.Plant => 0.85,
            BusinessType.System => 0.7,
            BusinessType.Product => 0.3,
            _ => 0.08,
        } + (a.KeyAccount ? 0.15 : 0.0);
        if (!r.Chance(p))
        {
            return;
        }

        string sku;
        double value;
        if (a.IsLockIn)
        {
            sku = "SV-WV-FULL";
            value = r.Uniform(60_000, 240_000);
        }
        else if (a.KeyAccount && a.BusinessType is BusinessType.Plant or BusinessType.System)
        {
            sku = "SV-WV-FULL";
            value = r.Uniform(30_000, 120_000) * Math.Sqrt(Sf);
        }
        else if (a.BusinessType is BusinessType.Plant or BusinessType.System ? r.Chance(0.6) : r.Chance(0.25))
        {
            sku = "SV-WV-PREMIUM";
            value = r.Uniform(10_000, 35_000) * Math.Sqrt(Sf);
        }
        else
        {
            sku = "SV-WV-BASIS";
            value = r.Uniform(4_000, 12_000) * Math.Sqrt(Sf);
        }
        var term = a.IsLockIn ? 60 : r.Pick([12, 24, 36, 36, 60]);
        var notice = a.IsLockIn ? 180 : r.Pick([30, 90, 90, 180]);
        var autoRenew = a.IsLockIn || r.Chance(0.55);
        var firstStart = timeline.Established
            ? timeline.WindowStart.AddDays(-r.Between(0, 4 * 365))
            : timeline.FirstDay.AddDays(r.Between(20, 120));
        if (firstStart >= today)
        {
            return;
        }
        // Declining accounts sometimes have already given notice.
        var terminateRunning = a.Situation == DemoSituation.Declining && r.Chance(0.2) ? 1.0 : 0.0;
        Chain(firstStart, term, notice, autoRenew, Math.Round((decimal)value / 100m) * 100m, sku, timeline.CustomerUntil, terminateRunning);

        if (a.Situation == DemoSituation.WonBack && r.Chance(0.5))
        {
            var back = timeline.Periods[^1].From.AddDays(r.Between(10, 60));
            if (back < today)
            {
                Chain(back, r.Pick([12, 24]), 90, r.Chance(0.5), Math.Round((decimal)value * 0.9m / 100m) * 100m, sku, null, 0.0);
            }
        }
    }

    /// <summary>A contract and its renewals from <paramref name="start"/>: auto-renewing terms roll on in one record,
    /// other terms are renewed as new contracts; the chain ends with the relationship (<paramref name="until"/>).</summary>
    private void Chain(DateOnly start, int termMonths, int notice, bool autoRenew, decimal value, string sku, DateOnly? until, double terminateRunningChance)
    {
        if (until is { } end && end <= start)
        {
            return;
        }
        var k = contracts.Count + 1;
        string No() => $"SV-{a.CustomerNo}-{k++:00}";
        var s = start;
        if (autoRenew)
        {
            var e = s.AddMonths(termMonths).AddDays(-1);
            DateOnly? terminated = null;
            if (until is { } u)
            {
                while (e.AddMonths(termMonths) <= u)
                {
                    e = e.AddMonths(termMonths);
                }
                e = Min(e, u);
                terminated = Max(s, e.AddDays(-notice - r.Between(5, 60)));
            }
            else
            {
                while (e < today)
                {
                    e = e.AddMonths(termMonths);
                }
                if (r.Chance(terminateRunningChance))
                {
                    terminated = Max(s, today.AddDays(-r.Between(5, 60)));
                }
            }
            contracts.Add(new(No(), s, e, notice, true, value, terminated, sku));
            return;
        }

        while (true)
        {
            var e = s.AddMonths(termMonths).AddDays(-1);
            if (until is { } u && e >= u)
            {
                contracts.Add(new(No(), s, Max(s, u), notice, false, value, Max(s, u.AddDays(-r.Between(30, 90))), sku));
                return;
            }
            DateOnly? terminated = e >= today && r.Chance(terminateRunningChance) ? Max(s, today.AddDays(-r.Between(5, 60))) : null;
            contracts.Add(new(No(), s, e, notice, false, value, terminated, sku));
            if (e >= today || !r.Chance(0.85))
            {
                return;
            }
            s = e.AddDays(1);
            value = Math.Round(value * 1.03m / 100m) * 100m;
        }
    }

    private void GenerateOrders()
    {
        var parts = PreferredParts();
        var components = a.BusinessType == BusinessType.Supplier
            ? DemoCatalog.Components.OrderBy(_ => r.Next()).Take(r.Between(3, 6)).ToArray()
            : [];
        var spareRate = a.BusinessType switch
        {
            BusinessType.Product => 20.0,
            BusinessType.Plant => 14.0,
            BusinessType.System => 16.0,
            _ => 6.0,
        } * Sf;
        var serviceRate = a.BusinessType switch
        {
            BusinessType.Product => 1.5,
            BusinessType.Plant => 4.0,
            BusinessType.System => 3.0,
            _ => 0.5,
        } * Math.Pow(Sf, 0.7);
        var componentRate = 10.0 * Math.Pow(Sf, 0.6);
        var retrofitRate = a.BusinessType switch
        {
            BusinessType.Plant or BusinessType.System => 0.08,
            BusinessType.Product => 0.04,
            _ => 0.0,
        };
        var discount = (a.KeyAccount ? 0.06 : 0.0) + r.Uniform(0, 0.03);

        foreach (var (from, to) in timeline.Periods)
        {
            // The first order of a buying period, and the last one of a relationship that ends, are placed exactly.
            if (!machines.Any(m => m.Date == from))
            {
                if (timeline.Periods.Count > 1 && from == timeline.Periods[^1].From && r.Chance(0.5))
                {
                    AddOrder(from, o => o.Lines.Add(Line(r.Pick(DemoCatalog.Retrofits), 1, from, discount)));
                }
                else if (a.BusinessType == BusinessType.Supplier)
                {
                    ComponentOrder(from, components, discount);
                }
                else
                {
                    SpareOrder(from, parts, discount);
                }
            }
            if (timeline.CustomerUntil == to)
            {
                SpareOrder(to, parts, discount);
            }

            for (var d = from; d <= to; d = d.AddDays(1))
            {
                if (!DemoTimeline.IsBusinessDay(d))
                {
                    continue;
                }
                var g = timeline.Intensity(d) * Season[d.Month - 1] / 250.0;
                var installed = InstalledBase(d);
                if (r.Chance(spareRate * g * (1 + (0.12 * installed))))
                {
                    SpareOrder(d, parts, discount);
                }
                if (installed > 0 && r.Chance(serviceRate * g * Math.Min(installed, 4) / 2.0))
                {
                    ServiceOrder(d, discount);
                }
                if (components.Length > 0 && r.Chance(componentRate * g))
                {
                    ComponentOrder(d, components, discount);
                }
                if (r.Chance(0.2 * g))
                {
                    AddOrder(d, o => o.Lines.Add(Line(r.Pick(DemoCatalog.Trainings), r.Between(1, 2), d, discount)));
                }
                if (installed > 0 && r.Chance(retrofitRate * g))
                {
                    AddOrder(d, o => o.Lines.Add(Line(r.Pick(DemoCatalog.Retrofits), 1, d, discount)));
                }
            }
        }

        foreach (var (date, name, quantity) in machines)
        {
            MachineOrder(date, name, quantity, discount);
        }
        foreach (var c in contracts)
        {
            BillContract(c);
        }
    }

    private int InstalledBase(DateOnly d)
    {
        var n = initialMachines;
        foreach (var (date, _, quantity) in machines)
        {
            if (date.AddDays(60) <= d)
            {
                n += quantity;
            }
        }
        return n;
    }

    private CatalogProduct[] PreferredParts()
    {
        var count = Math.Min(DemoCatalog.SpareParts.Length, r.Between(12, 30));
        return DemoCatalog.SpareParts
            .Select(p => (p, Key: r.NextDouble() * Math.Sqrt((double)p.ListPrice)))
            .OrderBy(x => x.Key).ThenBy(x => x.p.Sku, StringComparer.Ordinal)
            .Take(count).Select(x => x.p).ToArray();
    }

    private void SpareOrder(DateOnly d, CatalogProduct[] parts, double discount)
    {
        var lines = Math.Min(10, 1 + r.Poisson(2.6));
        var order = AddOrder(d, o =>
        {
            var used = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < lines; i++)
            {
                var p = parts[(int)(Math.Pow(r.NextDouble(), 1.6) * parts.Length)];
                if (!used.Add(p.Sku))
                {
                    continue;
                }
                var qty = p.ListPrice switch
                {
                    < 30m => r.Between(5, 50),
                    < 200m => r.Between(1, 10),
                    _ => r.Between(1, 3),
                };
                o.Lines.Add(Line(p, qty, d, discount));
            }
        });
        MaybeReturn(order, 0.015);
    }

    private void ComponentOrder(DateOnly d, CatalogProduct[] components, double discount)
    {
        var lines = r.Between(1, 2);
        var order = AddOrder(d, o =>
        {
            foreach (var p in components.OrderBy(_ => r.Next()).Take(lines))
            {
                o.Lines.Add(Line(p, Math.Max(2, (int)Math.Round(r.Uniform(3, 25) * Math.Sqrt(Sf))), d, discount));
            }
        });
        MaybeReturn(order, 0.03);
    }

    private void ServiceOrder(DateOnly d, double discount)
    {
        AddOrder(d, o =>
        {
            var kind = r.NextDouble();
            if (kind < 0.55)
            {
                o.Lines.Add(Line(Service("SV-TECH"), r.Between(1, 4), d, discount));
                o.Lines.Add(Line(Service("SV-ANFAHRT"), 1, d, 0));
            }
            else if (kind < 0.85)
            {
                o.Lines.Add(Line(Service("SV-FERN"), r.Between(1, 2), d, discount));
            }
            else
            {
                o.Lines.Add(Line(Service("SV-INSP"), 1, d, discount));
            }
        });
    }

    private void MachineOrder(DateOnly d, string machineName, int quantity, double discount)
    {
        var m = DemoCatalog.Machines.First(x => x.Name == machineName);
        var machineDiscount = discount + r.Uniform(0, 0.08);
        var order = AddOrder(d, o =>
        {
            o.Lines.Add(Line(m, quantity, d, machineDiscount, r.Uniform(0.88, 1.15)));
            var options = DemoCatalog.MachineOptions
                .Where(x => x.Sku != "OPT-CIP" || a.Industry is DemoIndustries.FoodAndBeverage or DemoIndustries.Pharma)
                .OrderBy(_ => r.Next()).Take(r.Between(0, 2));
            foreach (var opt in options)
            {
                o.Lines.Add(Line(opt, 1, d, machineDiscount));
            }
        });
        var net = order.Lines.Sum(l => l.NetAmount);
        var commissioning = d.AddDays(r.Between(60, 90));
        if (commissioning <= today && timeline.InPeriod(commissioning))
        {
            var factor = Math.Max(1.0, (double)net * r.Uniform(0.02, 0.04) / (double)Service("SV-INBETR").ListPrice);
            AddOrder(DemoTimeline.NextBusinessDay(commissioning),
                o => o.Lines.Add(Line(Service("SV-INBETR"), 1, commissioning, discount, factor)));
        }
        var training = d.AddDays(r.Between(70, 110));
        if (training <= today && timeline.InPeriod(training))
        {
            AddOrder(DemoTimeline.NextBusinessDay(training),
                o => o.Lines.Add(Line(Training("TR-BED"), r.Between(1, 3), training, discount)));
        }
    }

    private void BillContract(DemoContract c)
    {
        var product = Service(c.BillingSku);
        var quarterly = Math.Round(c.AnnualValue / 4m, 2);
        var last = Min(Min(c.EndDate, today), timeline.CustomerUntil is { } u && c.StartDate <= u ? u : today);
        for (var q = FirstQuarterStart(c.StartDate); q <= last; q = q.AddMonths(3))
        {
            var d = DemoTimeline.NextBusinessDay(q);
            if (d < timeline.WindowStart || d > last || !timeline.InPeriod(d))
            {
                continue;
            }
            var margin = Math.Round(quarterly * (1m - (decimal)(product.CostRatio * r.Uniform(0.92, 1.08))), 2);
            AddOrder(d, o => o.Lines.Add(new DemoOrderLine(1, product.Sku, product.Category, 1m, quarterly, margin)));
        }
    }

    private static DateOnly FirstQuarterStart(DateOnly d)
    {
        var q = new DateOnly(d.Year, ((d.Month - 1) / 3 * 3) + 1, 1);
        return q < d ? q.AddMonths(3) : q;
    }

    private void MaybeReturn(DemoOrder order, double chance)
    {
        foreach (var line in order.Lines.ToList())
        {
            if (!r.Chance(chance))
            {
                continue;
            }
            var d = DemoTimeline.NextBusinessDay(order.Date.AddDays(r.Between(7, 45)));
            if (d > today || !timeline.InPeriod(d))
            {
                continue;
            }
            var qty = Math.Max(1m, Math.Floor(line.Quantity * (decimal)r.Uniform(0.1, 1.0)));
            var share = qty / line.Quantity;
            var ret = new DemoOrder { OrderNo = "GS", Date = d };
            ret.Lines.Add(new DemoOrderLine(1, line.Sku, line.Category, -qty,
                -Math.Round(line.NetAmount * share, 2), -Math.Round(line.Margin * share, 2)));
            orders.Add((ret, sequence++));
        }
    }

    private DemoOrder AddOrder(DateOnly d, Action<DemoOrder> fill)
    {
        var order = new DemoOrder { OrderNo = "AU", Date = d };
        fill(order);
        if (order.Lines.Count > 0 && d <= today)
        {
            orders.Add((order, sequence++));
        }
        return order;
    }

    private DemoOrderLine Line(CatalogProduct p, decimal qty, DateOnly d, double discount, double priceFactor = 1.0)
    {
        // List prices are today's; earlier years were cheaper by about 3.5 % a year.
        var years = (today.DayNumber - d.DayNumber) / 365.25;
        var unit = (double)p.ListPrice * Math.Pow(1.035, -years) * priceFactor * r.Uniform(0.98, 1.02);
        var net = Math.Round((decimal)(unit * (1 - discount)) * qty, 2);
        var cost = (decimal)(unit * p.CostRatio * r.Uniform(0.95, 1.05)) * qty;
        return new DemoOrderLine(0, p.Sku, p.Category, qty, net, Math.Round(net - cost, 2));
    }

    /// <summary>Orders by date with ERP-like numbers: AU + yyMMdd + customer (GS for credit notes), lines numbered.</summary>
    private IEnumerable<DemoOrder> NumberedOrders()
    {
        var used = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (order, _) in orders.OrderBy(o => o.Order.Date).ThenBy(o => o.Sequence))
        {
            var baseNo = $"{order.OrderNo}{order.Date.ToString("yyMMdd", CultureInfo.InvariantCulture)}-{a.CustomerNo}";
            var n = used.TryGetValue(baseNo, out var c) ? c + 1 : 1;
            used[baseNo] = n;
            var numbered = new DemoOrder { OrderNo = n == 1 ? baseNo : $"{baseNo}-{n}", Date = order.Date };
            for (var i = 0; i < order.Lines.Count; i++)
            {
                numbered.Lines.Add(order.Lines[i] with { LineNo = i + 1 });
            }
            yield return numbered;
        }
    }

    private static CatalogProduct Machine(string sku) => DemoCatalog.Machines.First(m => m.Sku == sku);

    private static CatalogProduct Service(string sku) => DemoCatalog.Services.First(m => m.Sku == sku);

    private static CatalogProduct Training(string sku) => DemoCatalog.Trainings.First(m => m.Sku == sku);

    private static DateOnly Min(DateOnly x, DateOnly y) => x < y ? x : y;

    private static DateOnly Max(DateOnly x, DateOnly y) => x > y ? x : y;

    // ---------------------------------------------------------------- buying center

    private static readonly BuyingRole[] RoleOrder =
    [
        BuyingRole.Decider, BuyingRole.Buyer, BuyingRole.Influencer, BuyingRole.User,
        BuyingRole.Initiator, BuyingRole.Gatekeeper, BuyingRole.Influencer, BuyingRole.User,
    ];

    private static readonly Dictionary<string, string> DepartmentsEn = new(StringComparer.Ordinal)
    {
        ["Geschäftsführung"] = "Management", ["Werksleitung"] = "Plant Management", ["Produktion"] = "Production",
        ["Vorstand"] = "Board", ["Einkauf"] = "Purchasing", ["Instandhaltung"] = "Maintenance", ["Technik"] = "Engineering",
        ["Qualitätssicherung"] = "Quality", ["Konstruktion"] = "Design", ["Betriebstechnik"] = "Plant Engineering",
        ["Operational Excellence"] = "Operational Excellence", ["Industrial Engineering"] = "Industrial Engineering",
    };

    private void BuildContacts(DemoAccountHistory history, Faker faker, Random rc)
    {
        var german = a.Locale == "de";
        var count = a.Employees switch
        {
            < 100 => rc.Between(2, 3),
            < 500 => rc.Between(3, 5),
            < 2000 => rc.Between(4, 6),
            _ => rc.Between(5, 8),
        };
        if (a.KeyAccount)
        {
            count = Math.Min(8, count + 1);
        }
        if (a.Situation == DemoSituation.Prospect)
        {
            count = Math.Min(count, 4);
        }
        var firstDay = a.Situation == DemoSituation.Prospect ? today.AddDays(-540) : Max(timeline.WindowStart, timeline.FirstDay);
        var emails = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var inactive = 0;
        for (var k = 0; k < count; k++)
        {
            var role = RoleOrder[k];
            var female = rc.Chance(0.3);
            var first = german ? faker.Name.FirstName(female ? Bogus.DataSets.Name.Gender.Female : Bogus.DataSets.Name.Gender.Male) : faker.Name.FirstName();
            var last = faker.Name.LastName();
            var title = rc.Pick(DemoCatalog.Titles[role]);
            DateOnly? inactiveSince = null;
            if (a.Index == 0 && k == 0)
            {
                // Brenner's technical board member, the decider, left five weeks ago; no successor known yet.
                (first, last, female) = ("Matthias", "Kern", false);
                title = DemoCatalog.Titles[BuyingRole.Decider][4];
                inactiveSince = today.AddDays(-38);
            }
            else if (!a.IsStory && inactive < count - 1 && rc.Chance(a.Situation == DemoSituation.Lost ? 0.2 : 0.07))
            {
                var latest = today.AddDays(-14);
                var earliest = Max(firstDay, today.AddDays(-1200));
                inactiveSince = rc.DateBetween(earliest < latest ? earliest : latest.AddDays(-1), latest);
                inactive++;
            }
            var local = $"{DemoPlanner.Slug(first).Replace('-', '.')}.{DemoPlanner.Slug(last).Replace('-', '.')}";
            var email = $"{local}@{a.Domain}";
            for (var i = 2; !emails.Add(email); i++)
            {
                email = $"{local}{i}@{a.Domain}";
            }
            var prefix = DemoCatalog.PhonePrefix[a.Country];
            var phone = $"{prefix} {rc.Between(20, 9999)} {rc.Between(10_000, 9_999_999)}";
            history.Contacts.Add(new DemoContact(
                k,
                $"AP-{a.CustomerNo}-{k + 1:00}",
                first,
                last,
                email,
                phone,
                german ? (female ? title.Female : title.Male) : title.English,
                german ? title.Department : DepartmentsEn[title.Department],
                role,
                german ? "de" : "en",
                inactiveSince));
        }
    }

    private void BuildConsents(DemoAccountHistory history, Random rc)
    {
        var buying = a.Situation != DemoSituation.Prospect;
        var from = buying ? Max(timeline.WindowStart, timeline.FirstDay.AddDays(-60)) : today.AddDays(-540);
        foreach (var c in history.Contacts)
        {
            var until = c.InactiveSince?.AddDays(-1) ?? today;
            void Add(ConsentPurpose purpose, double grant, double refuse)
            {
                var x = rc.NextDouble();
                if (x >= grant + refuse)
                {
                    return;
                }
                var day = rc.DateBetween(from < until ? from : until, until);
                var at = At(day, rc.Between(8, 17), rc.Next(60));
                history.Consents.Add(new DemoConsent(c.LocalIndex, purpose, x < grant, rc.Pick(DemoCatalog.ConsentSources), at));
            }
            Add(ConsentPurpose.Surveys, buying ? 0.84 : 0.45, 0.05);
            Add(ConsentPurpose.Marketing, buying ? 0.35 : 0.5, 0.1);
            if (buying)
            {
                Add(ConsentPurpose.Loyalty, 0.12, 0.0);
            }
        }
    }

    // ---------------------------------------------------------------- interactions

    private void BuildInteractions(DemoAccountHistory history, Random ri)
    {
        var list = history.Interactions;
        void Add(DateOnly day, InteractionTemplate tpl)
        {
            if (day > today || day < timeline.WindowStart.AddDays(-180))
            {
                return;
            }
            day = DemoTimeline.IsBusinessDay(day) ? day : DemoTimeline.PreviousBusinessDay(day);
            var channel = ri.Pick(tpl.Channels);
            var (hour, minute) = channel is InteractionChannel.Visit or InteractionChannel.Meeting or InteractionChannel.Event
                ? (ri.Between(8, 16), ri.Pick([0, 0, 30]))
                : (ri.Between(7, 17), ri.Next(60));
            var contact = PickContact(history.Contacts, tpl.Roles, day, ri);
            var subject = tpl.Subject
                .Replace("{m}", machinePark.Count > 0 ? ri.Pick(machinePark) : "Linie 1", StringComparison.Ordinal)
                .Replace("{y}", day.Year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{f}", ri.Pick(DemoCatalog.TradeFairs), StringComparison.Ordinal);
            list.Add(new DemoInteraction(
                At(day, hour, minute), contact, channel, tpl.Touchpoint, tpl.Phase,
                ri.Chance(tpl.InboundShare) ? InteractionDirection.Inbound : InteractionDirection.Outbound, subject));
        }

        if (a.Situation == DemoSituation.Prospect)
        {
            var start = today.AddDays(-ri.Between(60, 540));
            var n = ri.Between(3, 14);
            var days = Enumerable.Range(0, n).Select(_ => ri.DateBetween(start, today)).Order().ToList();
            for (var i = 0; i < n; i++)
            {
                Add(days[i], i < DemoCatalog.Prospecting.Length ? DemoCatalog.Prospecting[i] : DemoCatalog.Prospecting[ri.Next(2, DemoCatalog.Prospecting.Length)]);
            }
            return;
        }

        // Before the first order of a new customer: how it was won.
        if (!timeline.Established && timeline.Periods.Count == 1)
        {
            var lead = ri.Between(3, 6);
            for (var i = 0; i < lead; i++)
            {
                Add(timeline.FirstDay.AddDays(-180 + (i * 170 / lead) + ri.Between(0, 10)), DemoCatalog.Prospecting[Math.Min(i, DemoCatalog.Prospecting.Length - 1)]);
            }
        }

        var rate = (4 + (10 * Math.Pow(Sf, 0.6)))
            * (a.KeyAccount ? 2.0 : 1.0)
            * (a.BusinessType is BusinessType.Plant or BusinessType.System ? 1.2 : 1.0)
            * (a.IsLockIn ? 0.8 : 1.0);
        var routine = RoutineWeights();
        var from = Max(timeline.WindowStart, timeline.FirstDay);
        for (var d = from; d <= today; d = d.AddDays(1))
        {
            if (!DemoTimeline.IsBusinessDay(d))
            {
                continue;
            }
            var activity = Activity(d);
            if (activity <= 0 || !ri.Chance(rate * activity / 250.0))
            {
                continue;
            }
            var complaintChance = a.Situation == DemoSituation.Declining && d > today.AddDays(-365) ? 0.12 : a.IsLockIn ? 0.05 : 0.03;
            if (ri.Chance(complaintChance))
            {
                Add(d, ri.Pick(DemoCatalog.Complaints));
            }
            else if (a.IsLockIn && ri.Chance(0.08))
            {
                Add(d, ri.Pick(DemoCatalog.LockInTopics));
            }
            else
            {
                Add(d, ri.PickWeighted(routine));
            }
        }

        foreach (var (date, name, _) in machines)
        {
            foreach (var (offset, tpl) in DemoCatalog.Project)
            {
                var day = date.AddDays(offset + ri.Between(-5, 5));
                var lost = timeline.CustomerUntil is { } u && day > u && day < timeline.Periods[^1].From;
                if (!lost)
                {
                    Add(day, tpl with { Subject = tpl.Subject.Replace("{m}", name, StringComparison.Ordinal) });
                }
            }
        }

        foreach (var c in contracts)
        {
            var talk = c.EndDate.AddDays(-c.NoticeDays - ri.Between(10, 40));
            if (c.TerminatedOn is null && talk >= c.StartDate && (timeline.CustomerUntil is not { } u || talk < u))
            {
                Add(talk, DemoCatalog.ContractRenewal);
            }
        }

        if (a.Situation == DemoSituation.Lost)
        {
            var end = timeline.LastDay;
            var attempts = ri.Between(2, 4);
            for (var i = 0; i < attempts; i++)
            {
                Add(end.AddDays(60 + (i * 90) + ri.Between(0, 30)), DemoCatalog.WinBack[i]);
            }
        }
        if (a.Situation == DemoSituation.WonBack)
        {
            var back = timeline.Periods[^1].From;
            for (var i = 0; i < DemoCatalog.WinBack.Length; i++)
            {
                Add(back.AddDays(-200 + (i * 55) + ri.Between(0, 15)), DemoCatalog.WinBack[i]);
            }
        }

        if (a.Index == 0)
        {
            ApplyBrennerStory(history, Add);
        }
        list.Sort((x, y) => x.OccurredAt.CompareTo(y.OccurredAt));
    }

    // Brenner: complaints last year, the decider's farewell, a competitor on site — and silence in the last 90 days.
    private void ApplyBrennerStory(DemoAccountHistory history, Action<DateOnly, InteractionTemplate> add)
    {
        var quiet = today.AddDays(-90);
        var recent = history.Interactions.Where(i => DateOnly.FromDateTime(i.OccurredAt.UtcDateTime) > quiet).ToList();
        foreach (var i in recent)
        {
            history.Interactions.Remove(i);
        }
        add(today.AddDays(-200), DemoCatalog.Complaints[0]);
        add(today.AddDays(-130), DemoCatalog.Complaints[1]);
        add(today.AddDays(-45), new("operation", "sales", [InteractionChannel.Meeting], 0.0,
            "Verabschiedung Dr. Kern (Vorstand Technik) – Nachfolge noch offen", [BuyingRole.Decider]));
        add(today.AddDays(-20), new("offer", "sales", [InteractionChannel.Call], 0.0,
            "Hinweis Einkauf: Wettbewerber Alpina Packaging Systems vor Ort", [BuyingRole.Buyer]));
    }

    private double Activity(DateOnly d)
    {
        if (!timeline.InPeriod(d))
        {
            return 0.05;
        }
        var activity = Math.Sqrt(Math.Clamp(timeline.Intensity(d), 0.3, 2.0));
        if (a.Situation == DemoSituation.Declining)
        {
            // Declining accounts go quiet: far fewer contacts in the last 90 days (docs/retention.md#early-warning-signals communication signal).
            activity *= d > today.AddDays(-90) ? 0.2 : d > today.AddDays(-365) ? 0.8 : 1.0;
        }
        return activity;
    }

    private (InteractionTemplate, double)[] RoutineWeights() =>
        DemoCatalog.Routine.Select(t => (t, (t.Touchpoint, a.BusinessType) switch
        {
            ("order_processing", BusinessType.Product or BusinessType.Supplier) => 2.5,
            ("logistics", BusinessType.Supplier) => 2.0,
            ("technical_service" or "field_service", BusinessType.Plant or BusinessType.System) => 1.6,
            // Trade fairs and customer days come a few times a year, not every week.
            _ when t.Channels[0] == InteractionChannel.Event => 0.3,
            _ => 1.0,
        })).ToArray();

    private static int? PickContact(List<DemoContact> contacts, BuyingRole[] roles, DateOnly day, Random ri)
    {
        var fitting = contacts.Where(c => roles.Contains(c.Role) && c.IsActiveOn(day)).ToList();
        if (fitting.Count == 0)
        {
            fitting = contacts.Where(c => c.IsActiveOn(day)).ToList();
        }
        return fitting.Count == 0 ? null : fitting[ri.Next(fitting.Count)].LocalIndex;
    }

    /// <summary>A local (Europe/Berlin) time as UTC; DST by the EU rule (last Sundays of March and October).</summary>
    public static DateTimeOffset At(DateOnly day, int hour, int minute)
    {
        var dstStart = LastSunday(day.Year, 3);
        var dstEnd = LastSunday(day.Year, 10);
        var offset = day >= dstStart && day < dstEnd ? TimeSpan.FromHours(2) : TimeSpan.FromHours(1);
        return new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, minute)), offset).ToUniversalTime();
    }

    private static DateOnly LastSunday(int year, int month)
    {
        var d = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        while (d.DayOfWeek != DayOfWeek.Sunday)
        {
            d = d.AddDays(-1);
        }
        return d;
    }
}
