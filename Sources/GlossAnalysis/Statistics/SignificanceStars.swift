/// The study's significance marks (CKM 2025, tables 1 and 2): `*` p < 0.05, `**` p ≤ 0.01, `***` p ≤ 0.001.
///
/// The bounds are exactly as the study prints them, strict for 0.05 and inclusive for 0.01 and 0.001, so a
/// p of exactly 0.05 gets no star and a p of exactly 0.01 gets two.
public enum SignificanceStars {
    /// The marks for `p`; none for nil (a cell without a test) or p ≥ 0.05.
    public static func marks(forP p: Double?) -> String {
        guard let p, !p.isNaN else { return "" }
        if p <= 0.001 { return "***" }
        if p <= 0.01 { return "**" }
        if p < 0.05 { return "*" }
        return ""
    }

    /// The legend printed under a table.
    public static let legend = "* p < 0.05, ** p ≤ 0.01, *** p ≤ 0.001"
}
