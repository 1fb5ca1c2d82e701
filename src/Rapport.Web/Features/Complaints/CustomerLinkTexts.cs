namespace Rapport.Web.Features.Complaints;

/// <summary>The texts of the customer's confirmation page (<c>/c/{token}</c>) in English and German; a missing
/// translation is a compile error.</summary>
internal abstract class CustomerLinkTexts
{
    private static readonly CustomerLinkTexts English = new EnglishCustomerLinkTexts();
    private static readonly CustomerLinkTexts German = new GermanCustomerLinkTexts();

    public static CustomerLinkTexts For(string? language) => language == "de" ? German : English;

    public abstract string Lang { get; }
    public abstract string OtherLang { get; }
    public abstract string SwitchLanguage { get; }
    public abstract string Title { get; }
    public abstract string Intro(string accountName);
    public abstract string YourComplaint { get; }
    public abstract string ReceivedOn { get; }
    public abstract string WhatWeDid { get; }
    public abstract string Question { get; }
    public abstract string YesResolved { get; }
    public abstract string SatisfactionLegend { get; }
    public abstract string SatisfactionLabel(int value);
    public abstract string CommentOptional { get; }
    public abstract string Confirm { get; }
    public abstract string NotResolved { get; }
    public abstract string ReasonLabel { get; }
    public abstract string Reopen { get; }
    public abstract string ThanksConfirmedTitle { get; }
    public abstract string ThanksConfirmed { get; }
    public abstract string ThanksReopenedTitle { get; }
    public abstract string ThanksReopened { get; }
    public abstract string AlreadyAnsweredTitle { get; }
    public abstract string AlreadyAnswered { get; }
    public abstract string NotFoundTitle { get; }
    public abstract string NotFound { get; }
    public abstract string ChooseSatisfaction { get; }
    public abstract string TooManyTitle { get; }
    public abstract string TooMany { get; }
}

internal sealed class EnglishCustomerLinkTexts : CustomerLinkTexts
{
    public override string Lang => "en";
    public override string OtherLang => "de";
    public override string SwitchLanguage => "Deutsch";
    public override string Title => "Your complaint";
    public override string Intro(string accountName) => $"Thank you for telling us about a problem, and for your patience. We believe we have solved it for {accountName} — please let us know whether that is so.";
    public override string YourComplaint => "Your complaint";
    public override string ReceivedOn => "Received on";
    public override string WhatWeDid => "What we did";
    public override string Question => "Is the problem solved for you?";
    public override string YesResolved => "Yes, the problem is solved";
    public override string SatisfactionLegend => "How satisfied are you with the way we handled your complaint?";
    public override string SatisfactionLabel(int value) => value switch
    {
        1 => "1 – very dissatisfied",
        2 => "2 – dissatisfied",
        3 => "3 – neutral",
        4 => "4 – satisfied",
        _ => "5 – very satisfied",
    };
    public override string CommentOptional => "Comment (optional)";
    public override string Confirm => "Confirm";
    public override string NotResolved => "No, the problem is not solved";
    public override string ReasonLabel => "What is still wrong? (optional)";
    public override string Reopen => "Reopen my complaint";
    public override string ThanksConfirmedTitle => "Thank you";
    public override string ThanksConfirmed => "You have confirmed that the problem is solved. Thank you for your feedback.";
    public override string ThanksReopenedTitle => "We are on it again";
    public override string ThanksReopened => "Your complaint is open again and back with the team. We will get in touch with you soon.";
    public override string AlreadyAnsweredTitle => "Already answered";
    public override string AlreadyAnswered => "This complaint has already been answered through this link. If something is still wrong, please contact your account manager.";
    public override string NotFoundTitle => "Link not found";
    public override string NotFound => "This link is not valid (any more). Please contact your account manager.";
    public override string ChooseSatisfaction => "Please choose how satisfied you are (1 to 5).";
    public override string TooManyTitle => "Too many requests";
    public override string TooMany => "Please wait a minute and try again.";
}

internal sealed class GermanCustomerLinkTexts : CustomerLinkTexts
{
    public override string Lang => "de";
    public override string OtherLang => "en";
    public override string SwitchLanguage => "English";
    public override string Title => "Ihre Beschwerde";
    public override string Intro(string accountName) => $"Vielen Dank, dass Sie uns auf ein Problem hingewiesen haben, und für Ihre Geduld. Wir glauben, es für {accountName} gelöst zu haben – bitte sagen Sie uns, ob das zutrifft.";
    public override string YourComplaint => "Ihre Beschwerde";
    public override string ReceivedOn => "Eingegangen am";
    public override string WhatWeDid => "Was wir getan haben";
    public override string Question => "Ist das Problem für Sie gelöst?";
    public override string YesResolved => "Ja, das Problem ist gelöst";
    public override string SatisfactionLegend => "Wie zufrieden sind Sie mit der Bearbeitung Ihrer Beschwerde?";
    public override string SatisfactionLabel(int value) => value switch
    {
        1 => "1 – sehr unzufrieden",
        2 => "2 – unzufrieden",
        3 => "3 – teils, teils",
        4 => "4 – zufrieden",
        _ => "5 – sehr zufrieden",
    };
    public override string CommentOptional => "Kommentar (optional)";
    public override string Confirm => "Bestätigen";
    public override string NotResolved => "Nein, das Problem ist nicht gelöst";
    public override string ReasonLabel => "Was ist noch nicht in Ordnung? (optional)";
    public override string Reopen => "Beschwerde wieder öffnen";
    public override string ThanksConfirmedTitle => "Vielen Dank";
    public override string ThanksConfirmed => "Sie haben bestätigt, dass das Problem gelöst ist. Vielen Dank für Ihre Rückmeldung.";
    public override string ThanksReopenedTitle => "Wir kümmern uns erneut darum";
    public override string ThanksReopened => "Ihre Beschwerde ist wieder offen und zurück beim Team. Wir melden uns in Kürze bei Ihnen.";
    public override string AlreadyAnsweredTitle => "Bereits beantwortet";
    public override string AlreadyAnswered => "Diese Beschwerde wurde über diesen Link bereits beantwortet. Wenn noch etwas nicht stimmt, wenden Sie sich bitte an Ihren Ansprechpartner.";
    public override string NotFoundTitle => "Link nicht gefunden";
    public override string NotFound => "Dieser Link ist nicht (mehr) gültig. Bitte wenden Sie sich an Ihren Ansprechpartner.";
    public override string ChooseSatisfaction => "Bitte wählen Sie aus, wie zufrieden Sie sind (1 bis 5).";
    public override string TooManyTitle => "Zu viele Anfragen";
    public override string TooMany => "Bitte warten Sie eine Minute und versuchen Sie es erneut.";
}
