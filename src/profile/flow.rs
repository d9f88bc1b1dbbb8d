//! The payout flows a profile describes, and the flows a rule applies to (its scope).
//!
//! A rule's sources describe one flow or a few: the 100 CNY first verification payment is a
//! claim about binding LianLian to Ozon, the 180-day bank document one about Amazon deposit
//! methods. Each rule's rulepack entry lists its flows (`scope`); a rule runs only when the
//! profile describes one of them. The flows of a profile are read from what it describes:
//!
//! - `ozon`: an Ozon store — any of `[ozon]`, `[ozon.payout_account]`, `[ozon_global_pay]`.
//! - `ozon-global-pay`: `[ozon_global_pay]`, or `ozon_global_pay` as the Ozon payment or
//!   default payout method.
//! - `ozon-lianlian`: an Ozon store that LianLian pays out to — Ozon names LianLian as its
//!   payment or default payout method, a Merchant ID was typed into Ozon, or LianLian shows an
//!   Ozon channel status; or the Ozon payment method is absent, or bank transfer while a
//!   `[lianlian]` account is described (the seed FAQ's mix-up), and neither Ozon Global Pay nor
//!   a LianLian Amazon deposit method says otherwise.
//! - `amazon`: an Amazon store — `[amazon]` or a deposit method.
//! - `amazon-lianlian`: a deposit method whose provider is `lianlian`; or an Amazon store and a
//!   `[lianlian]` account with no deposit method naming another provider, when no Ozon store
//!   uses LianLian.
//! - A profile that describes no platform at all (a LianLian account alone, a licence alone) is
//!   read as the product's primary flow, LianLian on Ozon (`ozon`, `ozon-lianlian`).
//!
//! `any` in a scope means every profile (checks of the file, of the licence, of characters).

use super::Profile;
use serde::{Deserialize, Serialize};

/// A payout flow, as rule scopes and `init --platform` name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Flow {
    /// Every profile.
    Any,
    /// An Ozon store, whatever its payout method.
    Ozon,
    /// LianLian Global bound to an Ozon store.
    OzonLianlian,
    /// An Ozon Global Pay settlement account.
    OzonGlobalPay,
    /// An Amazon store, whatever its deposit method.
    Amazon,
    /// A LianLian Global receiving account used as an Amazon deposit method.
    AmazonLianlian,
}

impl Flow {
    /// Every flow, in the order `explain` lists them.
    pub const ALL: [Flow; 6] = [
        Flow::Any,
        Flow::Ozon,
        Flow::OzonLianlian,
        Flow::OzonGlobalPay,
        Flow::Amazon,
        Flow::AmazonLianlian,
    ];

    /// The name used in rulepacks and on the command line (`ozon-lianlian`).
    pub fn as_str(self) -> &'static str {
        match self {
            Flow::Any => "any",
            Flow::Ozon => "ozon",
            Flow::OzonLianlian => "ozon-lianlian",
            Flow::OzonGlobalPay => "ozon-global-pay",
            Flow::Amazon => "amazon",
            Flow::AmazonLianlian => "amazon-lianlian",
        }
    }

    /// The flow named `name`, as [`Flow::as_str`] spells it.
    pub fn parse(name: &str) -> Option<Flow> {
        Flow::ALL.into_iter().find(|f| f.as_str() == name)
    }

    /// What the flow is, in English and Chinese (for `explain`).
    pub fn describe(self) -> (&'static str, &'static str) {
        match self {
            Flow::Any => ("every profile", "所有档案"),
            Flow::Ozon => (
                "an Ozon store, whatever its payout method",
                "Ozon 店铺（不论收款方式）",
            ),
            Flow::OzonLianlian => (
                "LianLian Global bound to an Ozon store",
                "在 Ozon 店铺绑定连连国际",
            ),
            Flow::OzonGlobalPay => (
                "an Ozon Global Pay settlement account",
                "Ozon Global Pay 结算账户",
            ),
            Flow::Amazon => (
                "an Amazon store, whatever its deposit method",
                "亚马逊店铺（不论存款方式）",
            ),
            Flow::AmazonLianlian => (
                "a LianLian Global account as the Amazon deposit method",
                "以连连国际账户作为亚马逊存款方式",
            ),
        }
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// A set of flows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Flows(u8);

impl Flows {
    /// The flows `flows` name, with the flows each implies (`ozon-lianlian` is an Ozon store).
    pub fn of_list(flows: &[Flow]) -> Flows {
        let mut set = Flows(Flow::Any.bit());
        for &flow in flows {
            set.insert(flow);
        }
        set
    }

    /// The flows a rule's scope names, exactly (`any` included when named): compared with a
    /// profile's flows by [`Flows::admits`].
    pub fn scope(flows: &[Flow]) -> Flows {
        Flows(flows.iter().fold(0, |bits, flow| bits | flow.bit()))
    }

    /// Whether a rule with this scope (see [`Flows::scope`]) applies to a profile with these
    /// flows: a profile's flows always hold `any`.
    pub fn admits(self, scope: Flows) -> bool {
        self.0 & scope.0 != 0
    }

    /// The flows of an `init` / `interview` platform (`ozon-lianlian`, `ozon-global-pay`,
    /// `amazon-lianlian`), or `None` for another name.
    pub fn of_platform(platform: &str) -> Option<Flows> {
        match Flow::parse(platform)? {
            flow @ (Flow::OzonLianlian | Flow::OzonGlobalPay | Flow::AmazonLianlian) => {
                Some(Flows::of_list(&[flow]))
            }
            _ => None,
        }
    }

    /// The flows `profile` describes (see the module documentation).
    pub fn of(profile: &Profile) -> Flows {
        let ozon_method = profile.text("ozon.payment_method");
        let ozon_default = profile.text("ozon.default_payout_method");
        let ozon_names = |method: &str| ozon_method == Some(method) || ozon_default == Some(method);
        let ozon = ["ozon", "ozon.payout_account", "ozon_global_pay"]
            .iter()
            .any(|s| profile.has_section(s));
        let ogp = profile.has_section("ozon_global_pay") || ozon_names("ozon_global_pay");
        let amazon = profile.has_section("amazon") || profile.deposit_methods().next().is_some();
        let lianlian = profile.has_section("lianlian");
        let providers: Vec<&str> = profile
            .deposit_methods()
            .filter_map(|m| m.provider())
            .collect();
        let amazon_names_lianlian = providers.contains(&"lianlian");

        let mut flows = Flows::default();
        if !ozon && !amazon {
            flows.insert(Flow::OzonLianlian);
            return flows;
        }
        let ozon_evidence = ozon_names("lianlian")
            || profile.field("ozon.payout_account.merchant_id").is_some()
            || profile.field("lianlian.ozon_channel").is_some();
        // Without a word about another method, an Ozon store is read as the primary flow; bank
        // transfer chosen while a LianLian account is described is the seed FAQ's mix-up.
        let presumed = match ozon_method {
            None => true,
            Some(method) => method == "bank_transfer_swift" && lianlian,
        } && !ogp
            && !amazon_names_lianlian;
        let ozon_lianlian = ozon && (ozon_evidence || presumed);
        if ozon {
            flows.insert(Flow::Ozon);
        }
        if ogp {
            flows.insert(Flow::OzonGlobalPay);
        }
        if ozon_lianlian {
            flows.insert(Flow::OzonLianlian);
        }
        if amazon {
            flows.insert(Flow::Amazon);
        }
        if amazon_names_lianlian || (amazon && lianlian && providers.is_empty() && !ozon_lianlian) {
            flows.insert(Flow::AmazonLianlian);
        }
        flows
    }

    fn insert(&mut self, flow: Flow) {
        self.0 |= flow.bit() | Flow::Any.bit();
        match flow {
            Flow::OzonLianlian | Flow::OzonGlobalPay => self.0 |= Flow::Ozon.bit(),
            Flow::AmazonLianlian => self.0 |= Flow::Amazon.bit(),
            _ => {}
        }
    }

    pub fn contains(self, flow: Flow) -> bool {
        self.0 & flow.bit() != 0
    }

    /// Whether a rule whose scope is `scope` applies: it names one of these flows, or `any`.
    pub fn admit(self, scope: &[Flow]) -> bool {
        scope
            .iter()
            .any(|&flow| flow == Flow::Any || self.contains(flow))
    }

    /// The flows in the set, `any` first.
    pub fn iter(self) -> impl Iterator<Item = Flow> {
        Flow::ALL.into_iter().filter(move |f| self.contains(*f))
    }
}

/// A platform whose pages a remediation step sends the seller to. A rule words its steps per
/// platform where they differ (`[rules.BC805.en.remediation] amazon = [...]`): the steps of a
/// finding are those of the platform whose page holds its field, or of the one platform the
/// profile is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    /// Ozon Seller Center (with LianLian as its payout method).
    Ozon,
    /// Ozon Global Pay's settlement account.
    OzonGlobalPay,
    /// Amazon Seller Central.
    Amazon,
    /// LianLian Global.
    Lianlian,
}

impl Platform {
    /// The key of its steps in the rulepack.
    pub fn key(self) -> &'static str {
        match self {
            Platform::Ozon => "ozon",
            Platform::OzonGlobalPay => "ogp",
            Platform::Amazon => "amazon",
            Platform::Lianlian => "lianlian",
        }
    }

    /// The platform whose page holds the field at `path`; `None` for the seller's licence and
    /// the incident, which belong to no platform.
    pub fn of_field(path: &str) -> Option<Platform> {
        let section = path.split(['.', '[']).next().unwrap_or(path);
        match section {
            "ozon" => Some(Platform::Ozon),
            "ozon_global_pay" => Some(Platform::OzonGlobalPay),
            "amazon" => Some(Platform::Amazon),
            "lianlian" => Some(Platform::Lianlian),
            _ => None,
        }
    }

    /// The one platform a profile describing `flows` is about: Amazon, Ozon with LianLian, or
    /// Ozon Global Pay; `None` when it describes several or none.
    pub fn of_flows(flows: Flows) -> Option<Platform> {
        let amazon = flows.contains(Flow::Amazon) || flows.contains(Flow::AmazonLianlian);
        let ogp = flows.contains(Flow::OzonGlobalPay);
        let ozon_lianlian = flows.contains(Flow::OzonLianlian);
        match (amazon, ozon_lianlian, ogp) {
            (true, false, false) => Some(Platform::Amazon),
            (false, true, false) => Some(Platform::Ozon),
            (false, false, true) => Some(Platform::OzonGlobalPay),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flows(text: &str) -> Vec<&'static str> {
        let (profile, _) = crate::profile::load(
            "p.toml",
            text.as_bytes(),
            &crate::profile::credentials::test_policy(),
        )
        .unwrap();
        Flows::of(&profile).iter().map(Flow::as_str).collect()
    }

    #[test]
    fn flows_follow_what_the_profile_describes() {
        assert_eq!(
            flows("format = 1\n[lianlian]\nbalance = \"0 CNY\"\n"),
            ["any", "ozon", "ozon-lianlian"]
        );
        assert_eq!(
            flows("format = 1\n[lianlian]\n[amazon]\nseller_id = \"A1\"\n"),
            ["any", "amazon", "amazon-lianlian"]
        );
        assert_eq!(
            flows("format = 1\n[ozon]\npayment_method = \"lianlian\"\n"),
            ["any", "ozon", "ozon-lianlian"]
        );
        assert_eq!(
            flows("format = 1\n[lianlian]\n[ozon]\npayment_method = \"bank_transfer_swift\"\n"),
            ["any", "ozon", "ozon-lianlian"]
        );
        assert_eq!(
            flows("format = 1\n[lianlian]\n[ozon]\npayment_method = \"ozon_global_pay\"\n"),
            ["any", "ozon", "ozon-global-pay"]
        );
        assert_eq!(
            flows(
                "format = 1\n[lianlian]\n[ozon]\n[amazon.deposit_method]\nprovider = \"lianlian\"\n"
            ),
            ["any", "ozon", "amazon", "amazon-lianlian"]
        );
        assert_eq!(
            flows(
                "format = 1\n[amazon]\n[[amazon.deposit_methods]]\nprovider = \"bank\"\n[[amazon.deposit_methods]]\nprovider = \"lianlian\"\n"
            ),
            ["any", "amazon", "amazon-lianlian"]
        );
        assert_eq!(
            flows("format = 1\n[amazon.deposit_method]\nprovider = \"bank\"\n[lianlian]\n"),
            ["any", "amazon"]
        );
    }

    #[test]
    fn scopes_admit_their_flows_and_any() {
        let amazon = Flows::of_platform("amazon-lianlian").unwrap();
        assert!(amazon.admit(&[Flow::Amazon]));
        assert!(amazon.admit(&[Flow::Any]));
        assert!(!amazon.admit(&[Flow::OzonLianlian]));
        for scope in [
            &[Flow::Amazon][..],
            &[Flow::Any],
            &[Flow::OzonLianlian],
            &[Flow::OzonGlobalPay, Flow::AmazonLianlian],
        ] {
            assert_eq!(
                amazon.admits(Flows::scope(scope)),
                amazon.admit(scope),
                "{scope:?}"
            );
        }
        assert!(Flows::of_platform("ozon").is_none());
        for flow in Flow::ALL {
            assert_eq!(Flow::parse(flow.as_str()), Some(flow));
        }
    }
}
