using System.Globalization;
using Rapport.Core.Accounts;
using Rapport.Core.Identity;

namespace Rapport.Web.Components.Localization;

/// <summary>German, in the terms of the glossary (docs/domain.md#glossary).</summary>
internal sealed class GermanText : UiText
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("de");

    public override string Language => "Deutsch";

    public override string Tagline => "Beziehungsqualität & Kundenbindung";
    public override string SkipToContent => "Zum Inhalt springen";
    public override string MainNavigation => "Hauptnavigation";
    public override string Dashboard => "Übersicht";
    public override string Accounts => "Kunden";
    public override string Surveys => "Befragungen";
    public override string Analytics => "Analysen";
    public override string LoyaltyAnalysis => "Kundentreue";
    public override string PhasesAndTouchpoints => "Phasen & Kontaktpunkte";
    public override string Drivers => "Treiber";
    public override string Competitors => "Wettbewerber";
    public override string Retention => "Kundenbindung";
    public override string Portfolio => "Portfolio";
    public override string RiskList => "Risikoliste";
    public override string Kpis => "Kennzahlen";
    public override string Complaints => "Beschwerden";
    public override string LoyaltyProgram => "Bonus-/Treueprogramm";
    public override string AccountPlans => "Kundenpläne";
    public override string Tasks => "Aufgaben";
    public override string Admin => "Administration";
    public override string Users => "Benutzer";
    public override string Tokens => "API-Tokens";
    public override string MasterData => "Stammdaten";
    public override string Imports => "Importe";
    public override string LanguageSwitch => "Sprache";
    public override string SwitchToOtherLanguage => "English";
    public override string SignedInAs => "Angemeldet als";
    public override string SignOut => "Abmelden";

    public override string SignIn => "Anmelden";
    public override string SignInTitle => "Bei Rapport anmelden";
    public override string SignInIntro => "Mit der E-Mail-Adresse und dem Passwort Ihres Rapport-Benutzers.";
    public override string Email => "E-Mail";
    public override string Password => "Passwort";
    public override string SignInFailed => "E-Mail-Adresse oder Passwort ist falsch.";
    public override string SignedOut => "Sie wurden abgemeldet.";
    public override string FirstStartHint => "Erster Start? Die Administrator-Anmeldung und ihr Einmalpasswort stehen in der Konsole des Servers.";

    public override string ChangePasswordTitle => "Passwort ändern";
    public override string ChangePasswordIntro => "Geben Sie Ihr aktuelles Passwort ein und wählen Sie ein neues.";
    public override string ChangePasswordRequired => "Bevor Sie weiterarbeiten, ersetzen Sie das erhaltene Einmalpasswort durch ein eigenes Passwort.";
    public override string CurrentPassword => "Aktuelles Passwort";
    public override string NewPassword => "Neues Passwort";
    public override string ConfirmPassword => "Neues Passwort wiederholen";
    public override string ChangePasswordButton => "Passwort ändern";
    public override string ChangePasswordLink => "Passwort";
    public override string Cancel => "Abbrechen";
    public override string CurrentPasswordWrong => "Das aktuelle Passwort ist falsch.";
    public override string PasswordsDoNotMatch => "Die beiden neuen Passwörter stimmen nicht überein.";
    public override string FormExpired => "Das Formular war abgelaufen. Bitte versuchen Sie es noch einmal.";
    public override string TooManyAttempts => "Zu viele Versuche. Warten Sie eine Minute und versuchen Sie es dann erneut.";
    public override string RememberMe => "Auf diesem Gerät angemeldet bleiben";

    public override string PasswordRule(int minimumLength) => string.Format(Culture, "Mindestens {0} Zeichen. Einige unzusammenhängende Wörter ergeben ein starkes Passwort.", minimumLength);

    public override string PasswordRuleViolated(int minimumLength) => string.Format(Culture, "Das neue Passwort wird nicht akzeptiert: Es braucht mindestens {0} Zeichen und darf nicht nur aus Leerzeichen bestehen.", minimumLength);

    public override string Search => "Suchen";
    public override string Filters => "Filter";
    public override string Apply => "Anwenden";
    public override string Reset => "Zurücksetzen";
    public override string Any => "Alle";
    public override string Yes => "Ja";
    public override string No => "Nein";
    public override string Unassigned => "Nicht zugeordnet";
    public override string Previous => "Zurück";
    public override string Next => "Weiter";
    public override string PageSize => "Zeilen pro Seite";
    public override string Pagination => "Seiten";
    public override string NotSet => "—";
    public override string Never => "nie";

    public override string ShowingRange(int from, int to, int total) =>
        string.Format(Culture, "{0:N0}–{1:N0} von {2:N0}", from, to, total);

    public override string PageOf(int page, int pages) => string.Format(Culture, "Seite {0:N0} von {1:N0}", page, pages);

    public override string SortBy(string column) => $"Nach {column} sortieren";

    public override string Days(int days) => days == 1 ? "1 Tag" : string.Format(Culture, "{0:N0} Tage", days);

    public override string InDays(int days) => days == 1 ? "in 1 Tag" : string.Format(Culture, "in {0:N0} Tagen", days);

    public override string DaysAgo(int days) => days switch { 0 => "heute", 1 => "gestern", _ => string.Format(Culture, "vor {0:N0} Tagen", days) };

    public override string ShowingLatest(int shown, int total) => string.Format(Culture, "Die letzten {0:N0} von {1:N0}.", shown, total);

    public override string ShowAll => "Mehr anzeigen";

    public override string Account => "Kunde";
    public override string Name => "Name";
    public override string ExternalId => "Externe ID";
    public override string Industry => "Branche";
    public override string Country => "Land";
    public override string Region => "Region";
    public override string Employees => "Mitarbeiter";
    public override string BusinessType => "Geschäftstyp";
    public override string AcquisitionChannel => "Akquisekanal";
    public override string AcquiredOn => "Kunde seit";
    public override string AcquisitionCost => "Akquisekosten";
    public override string KeyAccount => "Key Account";
    public override string Owner => "Betreuer";
    public override string ParentAccount => "Mutterunternehmen";
    public override string Segment => "Zielgruppe";
    public override string LifecyclePhase => "Phase im Kundenlebenszyklus";
    public override string Since => "seit";

    public override string SearchAccountsLabel => "Kunden suchen";
    public override string SearchAccountsPlaceholder => "Name oder externe ID";
    public override string AccountsIntro => "Alle Kundenunternehmen. Filtern, sortieren und einen Kunden für die 360°-Sicht öffnen.";
    public override string AccountsIntroOwn => "Die Kunden, die Sie betreuen oder die mit Ihnen geteilt sind.";
    public override string NoAccountsTitle => "Noch keine Kunden";
    public override string NoAccountsText => "In Rapport sind noch keine Kundenunternehmen erfasst. So kommen sie hinein:";
    public override string NoAccountsImport => "Eine CSV-Datei importieren:";
    public override string NoAccountsSeed => "Oder das Demo-Unternehmen erzeugen:";
    public override string NoAccountsOwnText => "Ihnen ist noch kein Kunde zugeordnet oder freigegeben. Ein Administrator kann Sie als Betreuer eintragen.";
    public override string NoMatchesTitle => "Keine passenden Kunden";
    public override string NoMatchesText => "Versuchen Sie einen kürzeren Suchbegriff oder entfernen Sie einen Filter.";

    public override string BackToAccounts => "Zurück zu den Kunden";
    public override string OnThisPage => "Auf dieser Seite";
    public override string KeyFigures => "Kennzahlen";
    public override string Revenue12Months => "Umsatz, letzte 12 Monate";
    public override string RevenuePrevious12Months => "Vorherige 12 Monate";
    public override string Orders12Months => "Aufträge, letzte 12 Monate";
    public override string OrdersTotal => "Aufträge insgesamt";
    public override string LastOrder => "Letzter Auftrag";
    public override string RunningContracts => "Laufende Verträge";
    public override string BuyingCenter => "Buying Center";
    public override string BuyingCenterIntro => "Die Ansprechpartner beim Kunden und ihre Rolle bei Kaufentscheidungen.";
    public override string Contact => "Ansprechpartner";
    public override string BuyingRole => "Rolle im Buying Center";
    public override string JobTitle => "Funktion";
    public override string Department => "Abteilung";
    public override string Phone => "Telefon";
    public override string Status => "Status";
    public override string Active => "Aktiv";
    public override string Inactive => "Inaktiv";
    public override string Consents => "Einwilligungen";
    public override string ConsentGranted => "erteilt";
    public override string ConsentWithdrawn => "widerrufen";
    public override string NoConsents => "keine erfasst";
    public override string NoContacts => "Für diesen Kunden sind keine Ansprechpartner erfasst.";
    public override string Orders => "Aufträge";
    public override string RevenuePerYear => "Umsatz pro Jahr";
    public override string RecentOrders => "Letzte Aufträge";
    public override string OrderNo => "Auftrag";
    public override string Date => "Datum";
    public override string Lines => "Positionen";
    public override string Amount => "Betrag";
    public override string Year => "Jahr";
    public override string Revenue => "Umsatz";
    public override string NoOrders => "Für diesen Kunden sind keine Aufträge erfasst.";
    public override string Interactions => "Kontakte & Aktivitäten";
    public override string InteractionsIntro => "Die letzten Kontakte mit diesem Kunden, die neuesten zuerst.";
    public override string Channel => "Kanal";
    public override string Touchpoint => "Kontaktpunkt";
    public override string BusinessPhase => "Geschäftsphase";
    public override string Subject => "Betreff";
    public override string NoInteractions => "Für diesen Kunden sind keine Kontakte erfasst.";
    public override string Contracts => "Verträge";
    public override string ContractNo => "Vertrag";
    public override string Term => "Laufzeit";
    public override string OpenEnded => "unbefristet";
    public override string NoticePeriod => "Kündigungsfrist";
    public override string NoticeDeadline => "Kündigung bis";
    public override string AutoRenew => "Automatische Verlängerung";
    public override string AnnualValue => "Jahreswert";
    public override string ContractRunning => "Laufend";
    public override string ContractTerminated => "Gekündigt";
    public override string ContractEnded => "Beendet";
    public override string NoticeDeadlinePassed => "verstrichen";
    public override string NoContracts => "Für diesen Kunden sind keine Verträge erfasst.";

    public override string Welcome(string name) => $"Willkommen, {name}";

    public override string DashboardIntro => "Ihr Kundenstamm auf einen Blick.";
    public override string DashboardScopeOwn => "Die Zahlen umfassen die Kunden, die Sie betreuen oder die mit Ihnen geteilt sind.";
    public override string TotalAccounts => "Kunden";
    public override string KeyAccounts => "Key Accounts";
    public override string ContractsEndingSoon => "Auslaufende Verträge";
    public override string ContractsEndingSoonHint => "laufende Verträge, die in den nächsten 90 Tagen enden";
    public override string RevenueLast12MonthsHint => "netto nach Retouren, alle Positionen der letzten 365 Tage";
    public override string AccountsBySegment => "Kunden nach Zielgruppe";
    public override string AccountsByLifecyclePhase => "Kunden nach Phase im Kundenlebenszyklus";
    public override string NoPhaseYet => "noch nicht bewertet";
    public override string ShowKeyAccounts => "Key Accounts anzeigen";
    public override string OpenAccountList => "Zur Kundenliste";

    public override string ShowSegment(string segment) => $"Kunden der Zielgruppe {segment} anzeigen";

    public override string NotFoundTitle => "Seite nicht gefunden";
    public override string NotFoundText => "Unter dieser Adresse gibt es keine Seite, oder ihr Inhalt ist nicht für Sie freigegeben.";
    public override string AccessDeniedTitle => "Kein Zugriff";
    public override string AccessDeniedText => "Ihre Rolle erlaubt diese Seite nicht. Wenden Sie sich an einen Administrator, wenn Sie sie brauchen.";
    public override string BackToDashboard => "Zurück zur Übersicht";
    public override string NoUserTitle => "Ihr Benutzer wurde nicht gefunden";
    public override string NoUserText => "Ihre Anmeldung ist gültig, aber es gibt keinen aktiven Rapport-Benutzer dazu. Melden Sie sich ab und wenden Sie sich an einen Administrator.";

    public override string SegmentName(Core.Accounts.Segment value) => value switch
    {
        Core.Accounts.Segment.Prospect => "Interessent",
        Core.Accounts.Segment.New => "Neukunde",
        Core.Accounts.Segment.Regular => "Stammkunde",
        Core.Accounts.Segment.Lost => "Verlorener Kunde",
        _ => value.ToString(),
    };

    public override string LifecyclePhaseName(Core.Accounts.LifecyclePhase value) => value switch
    {
        Core.Accounts.LifecyclePhase.Initiation => "Anbahnung",
        Core.Accounts.LifecyclePhase.Exploration => "Exploration/Sozialisierung",
        Core.Accounts.LifecyclePhase.Expansion => "Expansion/Wachstum",
        Core.Accounts.LifecyclePhase.Maturity => "Reife",
        Core.Accounts.LifecyclePhase.Endangerment => "Gefährdung",
        Core.Accounts.LifecyclePhase.Termination => "Kündigung",
        Core.Accounts.LifecyclePhase.Revitalization => "Revitalisierung",
        _ => value.ToString(),
    };

    public override string BusinessTypeName(Core.Accounts.BusinessType value) => value switch
    {
        Core.Accounts.BusinessType.Product => "Produktgeschäft",
        Core.Accounts.BusinessType.Plant => "Anlagengeschäft",
        Core.Accounts.BusinessType.System => "Systemgeschäft",
        Core.Accounts.BusinessType.Supplier => "Zuliefergeschäft",
        _ => value.ToString(),
    };

    public override string BuyingRoleName(Core.Accounts.BuyingRole value) => value switch
    {
        Core.Accounts.BuyingRole.User => "Anwender",
        Core.Accounts.BuyingRole.Influencer => "Beeinflusser (Fachexperte)",
        Core.Accounts.BuyingRole.Buyer => "Einkäufer",
        Core.Accounts.BuyingRole.Decider => "Entscheider",
        Core.Accounts.BuyingRole.Gatekeeper => "Gatekeeper",
        Core.Accounts.BuyingRole.Initiator => "Initiator",
        _ => value.ToString(),
    };

    public override string ChannelName(InteractionChannel value) => value switch
    {
        InteractionChannel.Visit => "Besuch",
        InteractionChannel.Call => "Anruf",
        InteractionChannel.Email => "E-Mail",
        InteractionChannel.Meeting => "Besprechung",
        InteractionChannel.Event => "Veranstaltung",
        InteractionChannel.Portal => "Portal",
        InteractionChannel.Chat => "Chat",
        _ => value.ToString(),
    };

    public override string DirectionName(InteractionDirection value) => value switch
    {
        InteractionDirection.Inbound => "eingehend",
        InteractionDirection.Outbound => "ausgehend",
        _ => value.ToString(),
    };

    public override string AcquisitionChannelName(Core.Accounts.AcquisitionChannel value) => value switch
    {
        Core.Accounts.AcquisitionChannel.Direct => "Direkt",
        Core.Accounts.AcquisitionChannel.TradeFair => "Messe",
        Core.Accounts.AcquisitionChannel.Referral => "Empfehlung",
        Core.Accounts.AcquisitionChannel.Online => "Online",
        Core.Accounts.AcquisitionChannel.Indirect => "Indirekt (Partner, Netzwerk)",
        Core.Accounts.AcquisitionChannel.Classic => "Klassisch (Print, Anzeigen)",
        _ => value.ToString(),
    };

    public override string ConsentPurposeName(ConsentPurpose value) => value switch
    {
        ConsentPurpose.Surveys => "Befragungen",
        ConsentPurpose.Marketing => "Marketing",
        ConsentPurpose.Loyalty => "Bonus-/Treueprogramm",
        _ => value.ToString(),
    };

    public override string RoleName(UserRole value) => value switch
    {
        UserRole.Admin => "Administrator",
        UserRole.Analyst => "Analyst",
        UserRole.AccountManager => "Kundenbetreuer",
        UserRole.Viewer => "Leser",
        _ => value.ToString(),
    };
}
