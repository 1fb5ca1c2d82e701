using System.Globalization;
using Rapport.Core.Loyalty;
using Rapport.Web.Components.Localization;

namespace Rapport.Web.Features.Loyalty;

/// <summary>The loyalty program's UI strings (English and German); a missing translation is a compile error.</summary>
internal abstract class LoyaltyText
{
    private static readonly LoyaltyText English = new EnglishLoyaltyText();
    private static readonly LoyaltyText German = new GermanLoyaltyText();

    public static LoyaltyText Current => UiCultures.IsGerman(CultureInfo.CurrentUICulture) ? German : English;

    public abstract string Title { get; }
    public abstract string Intro { get; }
    public abstract string Members { get; }
    public abstract string PointsOutstanding { get; }
    public abstract string Earned12Months { get; }
    public abstract string Redeemed12Months { get; }
    public abstract string Tiers { get; }
    public abstract string Tier { get; }
    public abstract string NoTier { get; }
    public abstract string MinRevenue { get; }
    public abstract string MinTenure { get; }
    public abstract string Multiplier { get; }
    public abstract string Benefits { get; }
    public abstract string MembersPerTier { get; }
    public abstract string RewardCatalogue { get; }
    public abstract string RewardCatalogueIntro { get; }
    public abstract string Reward { get; }
    public abstract string Kind { get; }
    public abstract string Cost { get; }
    public abstract string Stock { get; }
    public abstract string Unlimited { get; }
    public abstract string Redemptions { get; }
    public abstract string Inactive { get; }
    public abstract string NoRewards { get; }
    public abstract string AccountLookup { get; }
    public abstract string AccountLookupHint { get; }
    public abstract string Find { get; }
    public abstract string NoAccountsFound { get; }
    public abstract string Enrolled { get; }
    public abstract string NotEnrolled { get; }
    public abstract string RunEarning { get; }
    public abstract string RunEarningHint { get; }
    public abstract string Balance { get; }
    public abstract string Points { get; }
    public abstract string Revenue12Months { get; }
    public abstract string Tenure { get; }
    public abstract string NextTier { get; }
    public abstract string HighestTier { get; }
    public abstract string ExpiringSoon { get; }
    public abstract string ProgramContact { get; }
    public abstract string NoProgramContact { get; }
    public abstract string EnrolledSince { get; }
    public abstract string NotEnrolledText { get; }
    public abstract string Enrol { get; }
    public abstract string EnrolledOn { get; }
    public abstract string NoContactOption { get; }
    public abstract string ProgramContactHint { get; }
    public abstract string Grant { get; }
    public abstract string GrantIntro { get; }
    public abstract string Reason { get; }
    public abstract string GrantButton { get; }
    public abstract string Redeem { get; }
    public abstract string RedeemIntro { get; }
    public abstract string Quantity { get; }
    public abstract string Note { get; }
    public abstract string RedeemButton { get; }
    public abstract string ChooseReward { get; }
    public abstract string Statement { get; }
    public abstract string StatementIntro { get; }
    public abstract string From { get; }
    public abstract string To { get; }
    public abstract string ShowStatement { get; }
    public abstract string OpeningBalance { get; }
    public abstract string ClosingBalance { get; }
    public abstract string NoEntriesInPeriod { get; }
    public abstract string Ledger { get; }
    public abstract string LedgerIntro { get; }
    public abstract string NoEntries { get; }
    public abstract string Entry { get; }
    public abstract string BalanceAfter { get; }
    public abstract string Reversed { get; }
    public abstract string RecentRedemptions { get; }
    public abstract string NoRedemptions { get; }
    public abstract string Fulfil { get; }
    public abstract string CancelRedemption { get; }
    public abstract string OpenProgramPage { get; }
    public abstract string EnrolLink { get; }
    public abstract string Granted { get; }
    public abstract string Redeemed { get; }
    public abstract string EnrolledDone { get; }
    public abstract string FulfilledDone { get; }
    public abstract string CancelledDone { get; }
    public abstract string ReadOnlyHint { get; }
    public abstract string InsufficientBalance { get; }
    public abstract string OutOfStock { get; }
    public abstract string Totals { get; }

    public abstract string EarnRunDone(int orders, long points);
    public abstract string MonthsValue(int months);
    public abstract string MissingForNextTier(string tier, string revenue, int months);
    public abstract string KindName(LedgerEntryKind kind);
    public abstract string RewardKindName(RewardKind kind);
    public abstract string RedemptionStatusName(RedemptionStatus status);
    public abstract string PointsValue(long points);
    public abstract string TierName(TierInfo tier);
    public abstract string RewardName(string en, string de);
}

internal sealed class EnglishLoyaltyText : LoyaltyText
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en");

    public override string Title => "Loyalty program";
    public override string Intro => "Tiers by rolling 12-month revenue and tenure, points for every order, rewards beyond discounts.";
    public override string Members => "Members";
    public override string PointsOutstanding => "Points outstanding";
    public override string Earned12Months => "Earned (12 months)";
    public override string Redeemed12Months => "Redeemed (12 months)";
    public override string Tiers => "Tiers";
    public override string Tier => "Tier";
    public override string NoTier => "No tier reached";
    public override string MinRevenue => "Revenue (12 months) from";
    public override string MinTenure => "Customer for";
    public override string Multiplier => "Points factor";
    public override string Benefits => "Benefits";
    public override string MembersPerTier => "Members per tier";
    public override string RewardCatalogue => "Reward catalogue";
    public override string RewardCatalogueIntro => "Services, training and events — not only discounts.";
    public override string Reward => "Reward";
    public override string Kind => "Kind";
    public override string Cost => "Points";
    public override string Stock => "Stock";
    public override string Unlimited => "unlimited";
    public override string Redemptions => "Redemptions";
    public override string Inactive => "not offered";
    public override string NoRewards => "The catalogue is empty.";
    public override string AccountLookup => "Find an account";
    public override string AccountLookupHint => "Name or beginning of the external id";
    public override string Find => "Find";
    public override string NoAccountsFound => "No account matches.";
    public override string Enrolled => "Enrolled";
    public override string NotEnrolled => "Not enrolled";
    public override string RunEarning => "Book points for new orders";
    public override string RunEarningHint => "Runs every hour by itself; orders earn once.";
    public override string Balance => "Balance";
    public override string Points => "points";
    public override string Revenue12Months => "Revenue (12 months)";
    public override string Tenure => "Customer for";
    public override string NextTier => "Next tier";
    public override string HighestTier => "Highest tier reached";
    public override string ExpiringSoon => "Expiring within 90 days";
    public override string ProgramContact => "Program contact";
    public override string NoProgramContact => "none (or loyalty consent withdrawn)";
    public override string EnrolledSince => "Member since";
    public override string NotEnrolledText => "This account is not enrolled in the loyalty program. Orders from the enrolment date on earn points.";
    public override string Enrol => "Enrol";
    public override string EnrolledOn => "Enrolled on";
    public override string NoContactOption => "— no program contact —";
    public override string ProgramContactHint => "Only contacts who granted the loyalty consent.";
    public override string Grant => "Grant points";
    public override string GrantIntro => "Goodwill, campaigns, corrections in the customer's favour.";
    public override string Reason => "Reason";
    public override string GrantButton => "Grant";
    public override string Redeem => "Redeem a reward";
    public override string RedeemIntro => "The points are taken at once; the balance cannot go negative.";
    public override string Quantity => "Quantity";
    public override string Note => "Note";
    public override string RedeemButton => "Redeem";
    public override string ChooseReward => "— choose a reward —";
    public override string Statement => "Statement";
    public override string StatementIntro => "Opening balance, the entries of the period and the closing balance.";
    public override string From => "From";
    public override string To => "To";
    public override string ShowStatement => "Show";
    public override string OpeningBalance => "Opening balance";
    public override string ClosingBalance => "Closing balance";
    public override string NoEntriesInPeriod => "No entries in this period.";
    public override string Ledger => "Points ledger";
    public override string LedgerIntro => "Every movement of points, newest first. Entries are never changed; corrections are reversals.";
    public override string NoEntries => "No entries yet.";
    public override string Entry => "Entry";
    public override string BalanceAfter => "Balance after";
    public override string Reversed => "reversed";
    public override string RecentRedemptions => "Redemptions";
    public override string NoRedemptions => "No redemptions yet.";
    public override string Fulfil => "Delivered";
    public override string CancelRedemption => "Cancel";
    public override string OpenProgramPage => "Loyalty details";
    public override string EnrolLink => "Enrol in the loyalty program";
    public override string Granted => "The points were granted.";
    public override string Redeemed => "The reward was redeemed.";
    public override string EnrolledDone => "The account is enrolled.";
    public override string FulfilledDone => "The redemption is marked as delivered.";
    public override string CancelledDone => "The redemption was cancelled; its points are back.";
    public override string ReadOnlyHint => "You can view this account's points but not change them.";
    public override string InsufficientBalance => "The balance does not cover this reward.";
    public override string OutOfStock => "This reward is out of stock.";
    public override string Totals => "In this period";

    public override string EarnRunDone(int orders, long points) => $"{orders:N0} orders earned {points:N0} points.";
    public override string MonthsValue(int months) => months >= 24 ? $"{months / 12} years" : $"{months} months";
    public override string MissingForNextTier(string tier, string revenue, int months) =>
        months > 0 ? $"{tier}: {revenue} more revenue and {months} more months" : $"{tier}: {revenue} more revenue";
    public override string KindName(LedgerEntryKind kind) => kind switch
    {
        LedgerEntryKind.Earn => "Order",
        LedgerEntryKind.Grant => "Grant",
        LedgerEntryKind.Redeem => "Redemption",
        LedgerEntryKind.Expire => "Expiry",
        _ => "Reversal",
    };
    public override string RewardKindName(RewardKind kind) => kind switch
    {
        RewardKind.Service => "Service",
        RewardKind.Training => "Training",
        RewardKind.Event => "Event",
        RewardKind.Discount => "Discount",
        _ => "Other",
    };
    public override string RedemptionStatusName(RedemptionStatus status) => status switch
    {
        RedemptionStatus.Redeemed => "to deliver",
        RedemptionStatus.Fulfilled => "delivered",
        _ => "cancelled",
    };
    public override string PointsValue(long points) => points.ToString("N0", Culture) + " pts";
    public override string TierName(TierInfo tier) => tier.NameEn;
    public override string RewardName(string en, string de) => en;
}

internal sealed class GermanLoyaltyText : LoyaltyText
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("de");

    public override string Title => "Bonus-/Treueprogramm";
    public override string Intro => "Stufen nach Umsatz der letzten 12 Monate und Kundendauer, Punkte für jeden Auftrag, Prämien über Rabatte hinaus.";
    public override string Members => "Teilnehmer";
    public override string PointsOutstanding => "Offene Punkte";
    public override string Earned12Months => "Gesammelt (12 Monate)";
    public override string Redeemed12Months => "Eingelöst (12 Monate)";
    public override string Tiers => "Stufen";
    public override string Tier => "Stufe";
    public override string NoTier => "Keine Stufe erreicht";
    public override string MinRevenue => "Umsatz (12 Monate) ab";
    public override string MinTenure => "Kunde seit mindestens";
    public override string Multiplier => "Punktefaktor";
    public override string Benefits => "Vorteile";
    public override string MembersPerTier => "Teilnehmer je Stufe";
    public override string RewardCatalogue => "Prämienkatalog";
    public override string RewardCatalogueIntro => "Service, Schulungen und Veranstaltungen — nicht nur Rabatte.";
    public override string Reward => "Prämie";
    public override string Kind => "Art";
    public override string Cost => "Punkte";
    public override string Stock => "Bestand";
    public override string Unlimited => "unbegrenzt";
    public override string Redemptions => "Einlösungen";
    public override string Inactive => "nicht im Angebot";
    public override string NoRewards => "Der Katalog ist leer.";
    public override string AccountLookup => "Kunden suchen";
    public override string AccountLookupHint => "Name oder Anfang der externen ID";
    public override string Find => "Suchen";
    public override string NoAccountsFound => "Kein Kunde gefunden.";
    public override string Enrolled => "Teilnehmer";
    public override string NotEnrolled => "Kein Teilnehmer";
    public override string RunEarning => "Punkte für neue Aufträge buchen";
    public override string RunEarningHint => "Läuft auch stündlich von selbst; jeder Auftrag zählt einmal.";
    public override string Balance => "Punktestand";
    public override string Points => "Punkte";
    public override string Revenue12Months => "Umsatz (12 Monate)";
    public override string Tenure => "Kunde seit";
    public override string NextTier => "Nächste Stufe";
    public override string HighestTier => "Höchste Stufe erreicht";
    public override string ExpiringSoon => "Verfallen in 90 Tagen";
    public override string ProgramContact => "Ansprechpartner im Programm";
    public override string NoProgramContact => "keiner (oder Einwilligung widerrufen)";
    public override string EnrolledSince => "Teilnehmer seit";
    public override string NotEnrolledText => "Dieser Kunde nimmt nicht am Bonusprogramm teil. Aufträge ab dem Beitrittsdatum bringen Punkte.";
    public override string Enrol => "Aufnehmen";
    public override string EnrolledOn => "Beitritt am";
    public override string NoContactOption => "— kein Ansprechpartner —";
    public override string ProgramContactHint => "Nur Ansprechpartner mit Einwilligung zum Bonusprogramm.";
    public override string Grant => "Punkte gutschreiben";
    public override string GrantIntro => "Kulanz, Aktionen, Korrekturen zugunsten des Kunden.";
    public override string Reason => "Grund";
    public override string GrantButton => "Gutschreiben";
    public override string Redeem => "Prämie einlösen";
    public override string RedeemIntro => "Die Punkte werden sofort abgebucht; der Punktestand kann nicht negativ werden.";
    public override string Quantity => "Menge";
    public override string Note => "Notiz";
    public override string RedeemButton => "Einlösen";
    public override string ChooseReward => "— Prämie wählen —";
    public override string Statement => "Kontoauszug";
    public override string StatementIntro => "Anfangsbestand, die Buchungen des Zeitraums und der Endbestand.";
    public override string From => "Von";
    public override string To => "Bis";
    public override string ShowStatement => "Anzeigen";
    public override string OpeningBalance => "Anfangsbestand";
    public override string ClosingBalance => "Endbestand";
    public override string NoEntriesInPeriod => "Keine Buchungen in diesem Zeitraum.";
    public override string Ledger => "Punktekonto";
    public override string LedgerIntro => "Jede Punktebewegung, die neueste zuerst. Buchungen werden nie geändert; Korrekturen sind Stornobuchungen.";
    public override string NoEntries => "Noch keine Buchungen.";
    public override string Entry => "Buchung";
    public override string BalanceAfter => "Stand danach";
    public override string Reversed => "storniert";
    public override string RecentRedemptions => "Einlösungen";
    public override string NoRedemptions => "Noch keine Einlösungen.";
    public override string Fulfil => "Geliefert";
    public override string CancelRedemption => "Stornieren";
    public override string OpenProgramPage => "Details zum Bonusprogramm";
    public override string EnrolLink => "In das Bonusprogramm aufnehmen";
    public override string Granted => "Die Punkte wurden gutgeschrieben.";
    public override string Redeemed => "Die Prämie wurde eingelöst.";
    public override string EnrolledDone => "Der Kunde nimmt jetzt am Programm teil.";
    public override string FulfilledDone => "Die Einlösung ist als geliefert markiert.";
    public override string CancelledDone => "Die Einlösung wurde storniert; die Punkte sind zurückgebucht.";
    public override string ReadOnlyHint => "Sie können die Punkte dieses Kunden sehen, aber nicht ändern.";
    public override string InsufficientBalance => "Der Punktestand reicht für diese Prämie nicht aus.";
    public override string OutOfStock => "Diese Prämie ist vergriffen.";
    public override string Totals => "In diesem Zeitraum";

    public override string EarnRunDone(int orders, long points) =>
        $"{orders.ToString("N0", Culture)} Aufträge brachten {points.ToString("N0", Culture)} Punkte.";
    public override string MonthsValue(int months) => months >= 24 ? $"{months / 12} Jahre" : $"{months} Monate";
    public override string MissingForNextTier(string tier, string revenue, int months) =>
        months > 0 ? $"{tier}: noch {revenue} Umsatz und {months} Monate" : $"{tier}: noch {revenue} Umsatz";
    public override string KindName(LedgerEntryKind kind) => kind switch
    {
        LedgerEntryKind.Earn => "Auftrag",
        LedgerEntryKind.Grant => "Gutschrift",
        LedgerEntryKind.Redeem => "Einlösung",
        LedgerEntryKind.Expire => "Verfall",
        _ => "Storno",
    };
    public override string RewardKindName(RewardKind kind) => kind switch
    {
        RewardKind.Service => "Service",
        RewardKind.Training => "Schulung",
        RewardKind.Event => "Veranstaltung",
        RewardKind.Discount => "Rabatt",
        _ => "Sonstiges",
    };
    public override string RedemptionStatusName(RedemptionStatus status) => status switch
    {
        RedemptionStatus.Redeemed => "offen",
        RedemptionStatus.Fulfilled => "geliefert",
        _ => "storniert",
    };
    public override string PointsValue(long points) => points.ToString("N0", Culture) + " Pkt.";
    public override string TierName(TierInfo tier) => tier.NameDe;
    public override string RewardName(string en, string de) => de;
}
