namespace Rapport.Core.Accounts;

/// <summary>Geschäftstyp (SPEC §2).</summary>
public enum BusinessType { Product, Plant, System, Supplier }

/// <summary>Akquisekanal (SPEC §2).</summary>
public enum AcquisitionChannel { Direct, TradeFair, Referral, Online, Indirect, Classic }

/// <summary>Zielgruppe (SPEC §2): derived from the transaction history.</summary>
public enum Segment { Prospect, New, Regular, Lost }

/// <summary>Phase im Kundenlebenszyklus (SPEC §4.8).</summary>
public enum LifecyclePhase { Initiation, Exploration, Expansion, Maturity, Endangerment, Termination, Revitalization }

/// <summary>Rolle im Buying Center (SPEC §2).</summary>
public enum BuyingRole { User, Influencer, Buyer, Decider, Gatekeeper, Initiator }

/// <summary>Purposes a contact can consent to (SPEC §6).</summary>
public enum ConsentPurpose { Surveys, Marketing, Loyalty }

/// <summary>Interaction channel (SPEC §2).</summary>
public enum InteractionChannel { Visit, Call, Email, Meeting, Event, Portal, Chat }

/// <summary>Who started an interaction.</summary>
public enum InteractionDirection { Inbound, Outbound }
