namespace Rapport.Core.Accounts;

/// <summary>Geschäftstyp (docs/domain.md#glossary).</summary>
public enum BusinessType { Product, Plant, System, Supplier }

/// <summary>Akquisekanal (docs/domain.md#glossary).</summary>
public enum AcquisitionChannel { Direct, TradeFair, Referral, Online, Indirect, Classic }

/// <summary>Zielgruppe (docs/domain.md#glossary): derived from the transaction history.</summary>
public enum Segment { Prospect, New, Regular, Lost }

/// <summary>Phase im Kundenlebenszyklus (docs/retention.md#lifecycle-phases).</summary>
public enum LifecyclePhase { Initiation, Exploration, Expansion, Maturity, Endangerment, Termination, Revitalization }

/// <summary>Rolle im Buying Center (docs/domain.md#glossary).</summary>
public enum BuyingRole { User, Influencer, Buyer, Decider, Gatekeeper, Initiator }

/// <summary>Purposes a contact can consent to (docs/security.md#consent).</summary>
public enum ConsentPurpose { Surveys, Marketing, Loyalty }

/// <summary>Interaction channel (docs/domain.md#glossary).</summary>
public enum InteractionChannel { Visit, Call, Email, Meeting, Event, Portal, Chat }

/// <summary>Who started an interaction.</summary>
public enum InteractionDirection { Inbound, Outbound }
