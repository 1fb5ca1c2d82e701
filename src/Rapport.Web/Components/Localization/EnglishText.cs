using System.Globalization;
using Rapport.Core.Accounts;
using Rapport.Core.Identity;

namespace Rapport.Web.Components.Localization;

internal sealed class EnglishText : UiText
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en");

    public override string Language => "English";

    public override string Tagline => "Relationship quality & retention";
    public override string SkipToContent => "Skip to content";
    public override string MainNavigation => "Main navigation";
    public override string Dashboard => "Dashboard";
    public override string Accounts => "Accounts";
    public override string Surveys => "Surveys";
    public override string Analytics => "Analytics";
    public override string LoyaltyAnalysis => "Loyalty";
    public override string PhasesAndTouchpoints => "Phases & touchpoints";
    public override string Drivers => "Drivers";
    public override string Competitors => "Competitors";
    public override string Retention => "Retention";
    public override string Portfolio => "Portfolio";
    public override string RiskList => "Risk list";
    public override string Kpis => "KPIs";
    public override string Complaints => "Complaints";
    public override string LoyaltyProgram => "Loyalty program";
    public override string AccountPlans => "Account plans";
    public override string Tasks => "Tasks";
    public override string Admin => "Admin";
    public override string Users => "Users";
    public override string Tokens => "API tokens";
    public override string MasterData => "Master data";
    public override string Imports => "Imports";
    public override string LanguageSwitch => "Language";
    public override string SwitchToOtherLanguage => "Deutsch";
    public override string SignedInAs => "Signed in as";
    public override string SignOut => "Sign out";

    public override string SignIn => "Sign in";
    public override string SignInTitle => "Sign in to Rapport";
    public override string SignInIntro => "Use the e-mail address and password of your Rapport user.";
    public override string Email => "E-mail";
    public override string Password => "Password";
    public override string SignInFailed => "The e-mail address or the password is wrong.";
    public override string SignedOut => "You have been signed out.";
    public override string FirstStartHint => "First start? The administrator login and its one-time password are printed on the server console.";

    public override string ChangePasswordTitle => "Change your password";
    public override string ChangePasswordIntro => "Enter your current password and choose a new one.";
    public override string ChangePasswordRequired => "Before you continue, replace the one-time password you were given with a password of your own.";
    public override string CurrentPassword => "Current password";
    public override string NewPassword => "New password";
    public override string ConfirmPassword => "Repeat the new password";
    public override string ChangePasswordButton => "Change password";
    public override string ChangePasswordLink => "Password";
    public override string Cancel => "Cancel";
    public override string CurrentPasswordWrong => "The current password is wrong.";
    public override string PasswordsDoNotMatch => "The two new passwords are not the same.";
    public override string FormExpired => "The form had expired. Please try again.";
    public override string TooManyAttempts => "Too many attempts. Wait a minute and try again.";
    public override string RememberMe => "Stay signed in on this device";

    public override string PasswordRule(int minimumLength) => string.Format(Culture, "At least {0} characters. A few unrelated words make a strong password.", minimumLength);

    public override string PasswordRuleViolated(int minimumLength) => string.Format(Culture, "The new password is not accepted: it needs at least {0} characters and must not be only spaces.", minimumLength);

    public override string Search => "Search";
    public override string Filters => "Filters";
    public override string Apply => "Apply";
    public override string Reset => "Reset";
    public override string Any => "Any";
    public override string Yes => "Yes";
    public override string No => "No";
    public override string Unassigned => "Unassigned";
    public override string Previous => "Previous";
    public override string Next => "Next";
    public override string PageSize => "Rows per page";
    public override string Pagination => "Pages";
    public override string NotSet => "—";
    public override string Never => "never";

    public override string ShowingRange(int from, int to, int total) =>
        string.Format(Culture, "Showing {0:N0}–{1:N0} of {2:N0}", from, to, total);

    public override string PageOf(int page, int pages) => string.Format(Culture, "Page {0:N0} of {1:N0}", page, pages);

    public override string SortBy(string column) => $"Sort by {column}";

    public override string Days(int days) => days == 1 ? "1 day" : string.Format(Culture, "{0:N0} days", days);

    public override string InDays(int days) => days == 1 ? "in 1 day" : string.Format(Culture, "in {0:N0} days", days);

    public override string DaysAgo(int days) => days switch { 0 => "today", 1 => "yesterday", _ => string.Format(Culture, "{0:N0} days ago", days) };

    public override string ShowingLatest(int shown, int total) => string.Format(Culture, "The latest {0:N0} of {1:N0}.", shown, total);

    public override string ShowAll => "Show more";

    public override string Account => "Account";
    public override string Name => "Name";
    public override string ExternalId => "External ID";
    public override string Industry => "Industry";
    public override string Country => "Country";
    public override string Region => "Region";
    public override string Employees => "Employees";
    public override string BusinessType => "Business type";
    public override string AcquisitionChannel => "Acquisition channel";
    public override string AcquiredOn => "Customer since";
    public override string AcquisitionCost => "Acquisition cost";
    public override string KeyAccount => "Key account";
    public override string Owner => "Owner";
    public override string ParentAccount => "Parent account";
    public override string Segment => "Segment";
    public override string LifecyclePhase => "Lifecycle phase";
    public override string Since => "since";

    public override string SearchAccountsLabel => "Search accounts";
    public override string SearchAccountsPlaceholder => "Name or external ID";
    public override string AccountsIntro => "All customer companies. Filter, sort and open an account for its 360° view.";
    public override string AccountsIntroOwn => "The accounts you own or that are shared with you.";
    public override string NoAccountsTitle => "No accounts yet";
    public override string NoAccountsText => "Rapport has no customer companies yet. Bring them in with one of these:";
    public override string NoAccountsImport => "Import a CSV file:";
    public override string NoAccountsSeed => "Or generate the demo company:";
    public override string NoAccountsOwnText => "No account is assigned to you or shared with you yet. An administrator can set you as the owner of accounts.";
    public override string NoMatchesTitle => "No accounts match";
    public override string NoMatchesText => "Try a shorter search term or remove a filter.";

    public override string BackToAccounts => "Back to accounts";
    public override string OnThisPage => "On this page";
    public override string KeyFigures => "Key figures";
    public override string Revenue12Months => "Revenue, last 12 months";
    public override string RevenuePrevious12Months => "Previous 12 months";
    public override string Orders12Months => "Orders, last 12 months";
    public override string OrdersTotal => "Orders in total";
    public override string LastOrder => "Last order";
    public override string RunningContracts => "Running contracts";
    public override string BuyingCenter => "Buying center";
    public override string BuyingCenterIntro => "The people at this account and their role in buying decisions.";
    public override string Contact => "Contact";
    public override string BuyingRole => "Buying role";
    public override string JobTitle => "Job title";
    public override string Department => "Department";
    public override string Phone => "Phone";
    public override string Status => "Status";
    public override string Active => "Active";
    public override string Inactive => "Inactive";
    public override string Consents => "Consents";
    public override string ConsentGranted => "granted";
    public override string ConsentWithdrawn => "withdrawn";
    public override string NoConsents => "none recorded";
    public override string NoContacts => "No contacts recorded for this account.";
    public override string Orders => "Orders";
    public override string RevenuePerYear => "Revenue per year";
    public override string RecentOrders => "Recent orders";
    public override string OrderNo => "Order";
    public override string Date => "Date";
    public override string Lines => "Lines";
    public override string Amount => "Amount";
    public override string Year => "Year";
    public override string Revenue => "Revenue";
    public override string NoOrders => "No orders recorded for this account.";
    public override string Interactions => "Interactions";
    public override string InteractionsIntro => "The latest contacts with this customer, newest first.";
    public override string Channel => "Channel";
    public override string Touchpoint => "Touchpoint";
    public override string BusinessPhase => "Business phase";
    public override string Subject => "Subject";
    public override string NoInteractions => "No interactions recorded for this account.";
    public override string Contracts => "Contracts";
    public override string ContractNo => "Contract";
    public override string Term => "Term";
    public override string OpenEnded => "open-ended";
    public override string NoticePeriod => "Notice period";
    public override string NoticeDeadline => "Notice deadline";
    public override string AutoRenew => "Auto-renewal";
    public override string AnnualValue => "Annual value";
    public override string ContractRunning => "Running";
    public override string ContractTerminated => "Terminated";
    public override string ContractEnded => "Ended";
    public override string NoticeDeadlinePassed => "passed";
    public override string NoContracts => "No contracts recorded for this account.";

    public override string Welcome(string name) => $"Welcome, {name}";

    public override string DashboardIntro => "Your customer base at a glance.";
    public override string DashboardScopeOwn => "Figures cover the accounts you own or that are shared with you.";
    public override string TotalAccounts => "Accounts";
    public override string KeyAccounts => "Key accounts";
    public override string ContractsEndingSoon => "Contracts ending";
    public override string ContractsEndingSoonHint => "running contracts that end within 90 days";
    public override string RevenueLast12MonthsHint => "net of returns, all order lines of the last 365 days";
    public override string AccountsBySegment => "Accounts by segment";
    public override string AccountsByLifecyclePhase => "Accounts by lifecycle phase";
    public override string NoPhaseYet => "not evaluated yet";
    public override string ShowKeyAccounts => "Show the key accounts";
    public override string OpenAccountList => "Open the account list";

    public override string ShowSegment(string segment) => $"Show {segment} accounts";

    public override string NotFoundTitle => "Page not found";
    public override string NotFoundText => "There is no page at this address, or what it shows is not shared with you.";
    public override string AccessDeniedTitle => "No access";
    public override string AccessDeniedText => "Your role does not allow this page. Ask an administrator if you need it.";
    public override string BackToDashboard => "Back to the dashboard";
    public override string NoUserTitle => "Your user was not found";
    public override string NoUserText => "Your sign-in is valid, but there is no active Rapport user for it. Sign out and ask an administrator.";

    public override string SegmentName(Core.Accounts.Segment value) => value switch
    {
        Core.Accounts.Segment.Prospect => "Prospect",
        Core.Accounts.Segment.New => "New customer",
        Core.Accounts.Segment.Regular => "Regular customer",
        Core.Accounts.Segment.Lost => "Lost customer",
        _ => value.ToString(),
    };

    public override string LifecyclePhaseName(Core.Accounts.LifecyclePhase value) => value switch
    {
        Core.Accounts.LifecyclePhase.Initiation => "Initiation",
        Core.Accounts.LifecyclePhase.Exploration => "Exploration",
        Core.Accounts.LifecyclePhase.Expansion => "Expansion",
        Core.Accounts.LifecyclePhase.Maturity => "Maturity",
        Core.Accounts.LifecyclePhase.Endangerment => "Endangerment",
        Core.Accounts.LifecyclePhase.Termination => "Termination",
        Core.Accounts.LifecyclePhase.Revitalization => "Revitalization",
        _ => value.ToString(),
    };

    public override string BusinessTypeName(Core.Accounts.BusinessType value) => value switch
    {
        Core.Accounts.BusinessType.Product => "Product business",
        Core.Accounts.BusinessType.Plant => "Plant business",
        Core.Accounts.BusinessType.System => "System business",
        Core.Accounts.BusinessType.Supplier => "Supplier business",
        _ => value.ToString(),
    };

    public override string BuyingRoleName(Core.Accounts.BuyingRole value) => value switch
    {
        Core.Accounts.BuyingRole.User => "User",
        Core.Accounts.BuyingRole.Influencer => "Influencer",
        Core.Accounts.BuyingRole.Buyer => "Buyer",
        Core.Accounts.BuyingRole.Decider => "Decider",
        Core.Accounts.BuyingRole.Gatekeeper => "Gatekeeper",
        Core.Accounts.BuyingRole.Initiator => "Initiator",
        _ => value.ToString(),
    };

    public override string ChannelName(InteractionChannel value) => value switch
    {
        InteractionChannel.Visit => "Visit",
        InteractionChannel.Call => "Call",
        InteractionChannel.Email => "E-mail",
        InteractionChannel.Meeting => "Meeting",
        InteractionChannel.Event => "Event",
        InteractionChannel.Portal => "Portal",
        InteractionChannel.Chat => "Chat",
        _ => value.ToString(),
    };

    public override string DirectionName(InteractionDirection value) => value switch
    {
        InteractionDirection.Inbound => "inbound",
        InteractionDirection.Outbound => "outbound",
        _ => value.ToString(),
    };

    public override string AcquisitionChannelName(Core.Accounts.AcquisitionChannel value) => value switch
    {
        Core.Accounts.AcquisitionChannel.Direct => "Direct",
        Core.Accounts.AcquisitionChannel.TradeFair => "Trade fair",
        Core.Accounts.AcquisitionChannel.Referral => "Referral",
        Core.Accounts.AcquisitionChannel.Online => "Online",
        Core.Accounts.AcquisitionChannel.Indirect => "Indirect",
        Core.Accounts.AcquisitionChannel.Classic => "Classic",
        _ => value.ToString(),
    };

    public override string ConsentPurposeName(ConsentPurpose value) => value switch
    {
        ConsentPurpose.Surveys => "Surveys",
        ConsentPurpose.Marketing => "Marketing",
        ConsentPurpose.Loyalty => "Loyalty program",
        _ => value.ToString(),
    };

    public override string RoleName(UserRole value) => value switch
    {
        UserRole.Admin => "Administrator",
        UserRole.Analyst => "Analyst",
        UserRole.AccountManager => "Account manager",
        UserRole.Viewer => "Viewer",
        _ => value.ToString(),
    };
}
