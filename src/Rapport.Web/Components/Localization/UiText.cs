using System.Globalization;
using Rapport.Core.Accounts;
using Rapport.Core.Identity;

namespace Rapport.Web.Components.Localization;

/// <summary>
/// The UI's strings as a typed table: one subclass per language, so a missing translation is a compile error,
/// not a blank label. German uses the glossary terms of docs/domain.md#glossary.
/// </summary>
internal abstract class UiText
{
    private static readonly UiText EnglishText = new EnglishText();
    private static readonly UiText GermanText = new GermanText();

    /// <summary>The table for the current request's UI culture.</summary>
    public static UiText Current => For(CultureInfo.CurrentUICulture);

    public static UiText For(CultureInfo culture) => UiCultures.IsGerman(culture) ? GermanText : EnglishText;

    public abstract string Language { get; }

    // Shell
    public abstract string Tagline { get; }
    public abstract string SkipToContent { get; }
    public abstract string MainNavigation { get; }
    public abstract string Dashboard { get; }
    public abstract string Accounts { get; }
    public abstract string Surveys { get; }
    public abstract string Analytics { get; }
    public abstract string LoyaltyAnalysis { get; }
    public abstract string PhasesAndTouchpoints { get; }
    public abstract string Drivers { get; }
    public abstract string Competitors { get; }
    public abstract string Retention { get; }
    public abstract string Portfolio { get; }
    public abstract string RiskList { get; }
    public abstract string Kpis { get; }
    public abstract string Complaints { get; }
    public abstract string LoyaltyProgram { get; }
    public abstract string AccountPlans { get; }
    public abstract string Tasks { get; }
    public abstract string Admin { get; }
    public abstract string Users { get; }
    public abstract string Tokens { get; }
    public abstract string MasterData { get; }
    public abstract string Imports { get; }
    public abstract string LanguageSwitch { get; }
    public abstract string SwitchToOtherLanguage { get; }
    public abstract string SignedInAs { get; }
    public abstract string SignOut { get; }

    // Login
    public abstract string SignIn { get; }
    public abstract string SignInTitle { get; }
    public abstract string SignInIntro { get; }
    public abstract string Email { get; }
    public abstract string Password { get; }
    public abstract string SignInFailed { get; }
    public abstract string SignedOut { get; }
    public abstract string FirstStartHint { get; }

    // Password
    public abstract string ChangePasswordTitle { get; }
    public abstract string ChangePasswordIntro { get; }
    public abstract string ChangePasswordRequired { get; }
    public abstract string CurrentPassword { get; }
    public abstract string NewPassword { get; }
    public abstract string ConfirmPassword { get; }
    public abstract string ChangePasswordButton { get; }
    public abstract string ChangePasswordLink { get; }
    public abstract string Cancel { get; }
    public abstract string CurrentPasswordWrong { get; }
    public abstract string PasswordsDoNotMatch { get; }
    public abstract string FormExpired { get; }
    public abstract string TooManyAttempts { get; }
    public abstract string RememberMe { get; }

    public abstract string PasswordRule(int minimumLength);

    public abstract string PasswordRuleViolated(int minimumLength);

    // Common
    public abstract string Search { get; }
    public abstract string Filters { get; }
    public abstract string Apply { get; }
    public abstract string Reset { get; }
    public abstract string Any { get; }
    public abstract string Yes { get; }
    public abstract string No { get; }
    public abstract string Unassigned { get; }
    public abstract string Previous { get; }
    public abstract string Next { get; }
    public abstract string PageSize { get; }
    public abstract string Pagination { get; }
    public abstract string NotSet { get; }
    public abstract string Never { get; }

    public abstract string ShowingRange(int from, int to, int total);

    public abstract string PageOf(int page, int pages);

    public abstract string SortBy(string column);

    public abstract string Days(int days);

    public abstract string InDays(int days);

    public abstract string DaysAgo(int days);

    public abstract string ShowingLatest(int shown, int total);

    public abstract string ShowAll { get; }

    // Account fields
    public abstract string Account { get; }
    public abstract string Name { get; }
    public abstract string ExternalId { get; }
    public abstract string Industry { get; }
    public abstract string Country { get; }
    public abstract string Region { get; }
    public abstract string Employees { get; }
    public abstract string BusinessType { get; }
    public abstract string AcquisitionChannel { get; }
    public abstract string AcquiredOn { get; }
    public abstract string AcquisitionCost { get; }
    public abstract string KeyAccount { get; }
    public abstract string Owner { get; }
    public abstract string ParentAccount { get; }
    public abstract string Segment { get; }
    public abstract string LifecyclePhase { get; }
    public abstract string Since { get; }

    // Account list
    public abstract string SearchAccountsLabel { get; }
    public abstract string SearchAccountsPlaceholder { get; }
    public abstract string AccountsIntro { get; }
    public abstract string AccountsIntroOwn { get; }
    public abstract string NoAccountsTitle { get; }
    public abstract string NoAccountsText { get; }
    public abstract string NoAccountsImport { get; }
    public abstract string NoAccountsSeed { get; }
    public abstract string NoAccountsOwnText { get; }
    public abstract string NoMatchesTitle { get; }
    public abstract string NoMatchesText { get; }

    // Account page
    public abstract string BackToAccounts { get; }
    public abstract string OnThisPage { get; }
    public abstract string KeyFigures { get; }
    public abstract string Revenue12Months { get; }
    public abstract string RevenuePrevious12Months { get; }
    public abstract string Orders12Months { get; }
    public abstract string OrdersTotal { get; }
    public abstract string LastOrder { get; }
    public abstract string RunningContracts { get; }
    public abstract string BuyingCenter { get; }
    public abstract string BuyingCenterIntro { get; }
    public abstract string Contact { get; }
    public abstract string BuyingRole { get; }
    public abstract string JobTitle { get; }
    public abstract string Department { get; }
    public abstract string Phone { get; }
    public abstract string Status { get; }
    public abstract string Active { get; }
    public abstract string Inactive { get; }
    public abstract string Consents { get; }
    public abstract string ConsentGranted { get; }
    public abstract string ConsentWithdrawn { get; }
    public abstract string NoConsents { get; }
    public abstract string NoContacts { get; }
    public abstract string Orders { get; }
    public abstract string RevenuePerYear { get; }
    public abstract string RecentOrders { get; }
    public abstract string OrderNo { get; }
    public abstract string Date { get; }
    public abstract string Lines { get; }
    public abstract string Amount { get; }
    public abstract string Year { get; }
    public abstract string Revenue { get; }
    public abstract string NoOrders { get; }
    public abstract string Interactions { get; }
    public abstract string InteractionsIntro { get; }
    public abstract string Channel { get; }
    public abstract string Touchpoint { get; }
    public abstract string BusinessPhase { get; }
    public abstract string Subject { get; }
    public abstract string NoInteractions { get; }
    public abstract string Contracts { get; }
    public abstract string ContractNo { get; }
    public abstract string Term { get; }
    public abstract string OpenEnded { get; }
    public abstract string NoticePeriod { get; }
    public abstract string NoticeDeadline { get; }
    public abstract string AutoRenew { get; }
    public abstract string AnnualValue { get; }
    public abstract string ContractRunning { get; }
    public abstract string ContractTerminated { get; }
    public abstract string ContractEnded { get; }
    public abstract string NoticeDeadlinePassed { get; }
    public abstract string NoContracts { get; }

    // Dashboard
    public abstract string Welcome(string name);

    public abstract string DashboardIntro { get; }
    public abstract string DashboardScopeOwn { get; }
    public abstract string TotalAccounts { get; }
    public abstract string KeyAccounts { get; }
    public abstract string ContractsEndingSoon { get; }
    public abstract string ContractsEndingSoonHint { get; }
    public abstract string RevenueLast12MonthsHint { get; }
    public abstract string AccountsBySegment { get; }
    public abstract string AccountsByLifecyclePhase { get; }
    public abstract string NoPhaseYet { get; }
    public abstract string OpenAccountList { get; }
    public abstract string ShowKeyAccounts { get; }
    public abstract string ShowSegment(string segment);

    // Errors
    public abstract string NotFoundTitle { get; }
    public abstract string NotFoundText { get; }
    public abstract string AccessDeniedTitle { get; }
    public abstract string AccessDeniedText { get; }
    public abstract string BackToDashboard { get; }
    public abstract string NoUserTitle { get; }
    public abstract string NoUserText { get; }

    // Domain vocabularies
    public abstract string SegmentName(Segment value);

    public abstract string LifecyclePhaseName(LifecyclePhase value);

    public abstract string BusinessTypeName(BusinessType value);

    public abstract string BuyingRoleName(BuyingRole value);

    public abstract string ChannelName(InteractionChannel value);

    public abstract string DirectionName(InteractionDirection value);

    public abstract string AcquisitionChannelName(AcquisitionChannel value);

    public abstract string ConsentPurposeName(ConsentPurpose value);

    public abstract string RoleName(UserRole value);
}
