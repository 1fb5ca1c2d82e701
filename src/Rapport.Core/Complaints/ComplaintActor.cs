using Rapport.Core.Identity;

namespace Rapport.Core.Complaints;

/// <summary>
/// Who acts on a complaint: a signed-in user (from the <see cref="Caller"/>), the customer through the
/// confirmation link, or the system (escalation). The history and audit log record the user id and e-mail or the name.
/// </summary>
public sealed record ComplaintActor(long? UserId, string Name)
{
    public static ComplaintActor Customer { get; } = new(null, "customer");

    public static ComplaintActor System { get; } = new(null, "system");

    public static ComplaintActor User(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return new(caller.Id, caller.Email);
    }
}
