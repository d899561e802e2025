namespace Cascade.Simulator.Answers.Realistic;

/// <summary>The online store's policy table: the points customers raise and the facts a complete answer gives for each.</summary>
internal static class StorePolicies
{
    /// <summary>Gets every policy, in table order.</summary>
    public static IReadOnlyList<StorePolicy> All { get; } =
    [
        new("late", ["hasn't arrived", "has not arrived", "not arrived", "still waiting", "is late", "running late", "delayed", "never arrived", "no sign of"],
            "Standard delivery takes 3-5 business days; when a parcel is more than 5 business days late we open a trace with the courier, and if it is not found within 10 business days we reship it or refund it in full.",
            "Parcels sometimes take a few weeks, so please wait another month before contacting us again."),
        new("damaged", ["damaged", "broken", "cracked", "smashed", "dented", "shattered"],
            "For an item that arrived damaged, send us a photo within 14 days of delivery and we send a free replacement or a full refund; you do not need to return the damaged item.",
            "Damage in transit is the courier's responsibility, so please file a claim with them directly."),
        new("wrong-item", ["wrong item", "wrong size", "wrong colour", "wrong color", "not what i ordered", "different item"],
            "For a wrong item we email you a prepaid return label and ship the right item as soon as the courier scans the return.",
            "Please keep the item you received; we cannot exchange orders once they are delivered."),
        new("refund", ["refund", "money back", "reimburse"],
            "Refunds go back to the original payment method within 5-7 business days after the return reaches our warehouse.",
            "Refunds are paid out instantly as store credit."),
        new("return-window", ["return it", "return the", "send it back", "send back", "return window", "still return", "returns", "return policy", "return an item", "return my", "how do i return"],
            "You can return unused items with their tags within 30 days of delivery; after 30 days and up to day 60 we offer store credit instead of a refund.",
            "Returns are accepted within 90 days for a full refund, no questions asked."),
        new("double-charge", ["charged twice", "double charge", "double-charged", "two charges", "duplicate charge", "charged two times"],
            "A second charge is usually a pending authorisation that your bank releases within 3-5 business days; if both charges post, we refund the duplicate within 2 business days.",
            "Both charges are correct: we take a deposit and the full payment separately."),
        new("price-drop", ["price drop", "price dropped", "cheaper now", "lower price", "on sale now", "price went down"],
            "If the price drops within 14 days of your purchase, we refund the difference to your original payment method.",
            "We do not adjust prices after a purchase."),
        new("defect", ["stopped working", "defect", "faulty", "warranty", "doesn't work", "does not work", "won't turn on"],
            "Every product has a one-year warranty against defects; a claim needs the order number and a photo or video of the fault.",
            "Defects are covered for 30 days only, after that repairs are paid by the customer."),
        new("cancel", ["cancel"],
            "An order can be cancelled free of charge until it ships, usually within 2 hours of ordering; after that you can return it within 30 days.",
            "Orders cannot be cancelled once they are placed."),
        new("customs", ["customs", "import duty", "import duties", "import fee", "import tax"],
            "International orders arrive in 7-14 business days, and customs duties and import taxes are paid by the recipient.",
            "Customs duties are always included in our prices, so any fee you were asked for is a scam."),
        new("payment-methods", ["payment method", "pay with", "paypal", "klarna", "apple pay", "which cards", "do you accept"],
            "We accept Visa, Mastercard, American Express, PayPal, Apple Pay and gift cards; orders over $100 can be split into four interest-free Klarna payments.",
            "We only accept bank transfers."),
        new("delivery-options", ["how long does delivery", "delivery take", "shipping cost", "express delivery", "how much is shipping", "free shipping"],
            "Standard delivery takes 3-5 business days and is free on orders over $50; express delivery takes 1-2 business days for $9.99.",
            "All orders arrive the next day at no charge."),
        new("hours", ["opening hours", "support hours", "when are you open", "reach support", "phone number"],
            "Support is available Monday to Friday, 9:00-18:00 CET, by chat and by email.",
            "Support is available around the clock by phone."),
    ];

    /// <summary>Finds the points raised in a text, in the order they are first raised.</summary>
    public static IReadOnlyList<StorePolicy> Detect(string text)
    {
        string lower = text.ToLowerInvariant().Replace('\u2019', '\'');
        return [.. All.Select(p => (Policy: p, At: p.FirstMention(lower))).Where(p => p.At >= 0).OrderBy(p => p.At).Select(p => p.Policy)];
    }
}
