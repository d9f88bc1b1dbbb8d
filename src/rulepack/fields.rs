//! Where a seller finds each field, and each field named in plain words.

use super::*;

/// Where a seller finds the value of one profile field (`[fields."lianlian.merchant_id"]`), in
/// both languages: the words `bindcheck interview` asks with. The platforms' pages change, so
/// these are data a rulepack can reword, not code.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FieldGuide {
    /// Where to find the value and what to do with it ("LianLian Global › Account › …: copy the
    /// Merchant ID and paste it here"). Empty for a credential, which is never asked for.
    pub en: String,
    pub zh: String,
    /// Source ids (see `[sources]`) for the page named, where there is one.
    pub sources: Vec<String>,
    /// How plain prose names the field ("the routing number in Amazon's deposit method").
    pub label: Option<FieldLabel>,
    /// When the field exists at all, given another field's value: a sort code only for a bank
    /// in the UK. The interview asks the other field first and leaves this one out when its
    /// answer rules it out.
    pub asked_when: Option<AskedWhen>,
    /// The value is issued by a provider or platform and copied from its page (a Merchant ID,
    /// the details of a receiving account): spaces or invisible characters around a pasted
    /// answer are the page's, not the value's, and are left out. A value the seller typed into
    /// a platform's form has no `issued`: what was typed there is the evidence, kept as given.
    pub issued: bool,
    /// For a field with a list of values, the words a page shows for each value, or a seller
    /// calls it by (`lianlian = ["连连"]`): an answer in these words selects the value.
    pub words: BTreeMap<String, Vec<String>>,
}

/// How sellers write answers, beyond each field's own words (`[answers]`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AnswerWords {
    /// The words and signs written for a currency instead of its ISO 4217 code, with the codes
    /// each may stand for: one code names the currency; several (`¥`: CNY or JPY) are asked.
    pub currencies: BTreeMap<String, Vec<String>>,
}

/// A field's condition of existence (`asked_when = { field = "…bank_country", in = ["GB"] }`):
/// the other field's value is one of `in`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AskedWhen {
    /// The field whose value decides.
    pub field: String,
    /// The values for which the field exists.
    #[serde(rename = "in")]
    pub one_of: Vec<String>,
}

impl AskedWhen {
    /// Whether the deciding field's value `value` lets the field exist (case aside).
    pub fn allows(&self, value: &str) -> bool {
        let value = value.trim();
        self.one_of.iter().any(|v| v.eq_ignore_ascii_case(value))
    }
}

/// A field named in plain words, in both languages: a noun phrase that reads as the subject or
/// object of a sentence.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldLabel {
    pub en: String,
    pub zh: String,
}

/// Whether `value` is one of the listed values of the enum field at `path`.
fn field_allows(path: &str, value: &str) -> bool {
    matches!(
        crate::profile::schema::field(path).map(|f| f.kind),
        Some(crate::profile::schema::Kind::Enum(values)) if values.contains(&value)
    )
}

impl RulePack {
    /// Every `[fields]` entry names a field of the format and a known source, in both languages.
    pub(super) fn validate_field_guides(&self) -> Result<(), String> {
        let guides = self.parse_field_guides()?;
        for (path, guide) in &guides {
            let at = format!("fields.\"{path}\"");
            if crate::profile::schema::field(path).is_none() {
                return Err(format!(
                    "{at}: `{path}` is not a field of the profile format"
                ));
            }
            let credential = crate::profile::schema::field(path)
                .is_some_and(|f| f.class == crate::profile::schema::FieldClass::Secret);
            if !credential && (guide.en.trim().is_empty() || guide.zh.trim().is_empty()) {
                return Err(format!("{at} needs `en` and `zh`"));
            }
            if guide
                .label
                .as_ref()
                .is_some_and(|l| l.en.trim().is_empty() || l.zh.trim().is_empty())
            {
                return Err(format!("{at}.label needs `en` and `zh`"));
            }
            if let Some(when) = &guide.asked_when {
                if crate::profile::schema::field(&when.field).is_none() {
                    return Err(format!(
                        "{at}.asked_when.field: `{}` is not a field of the profile format",
                        when.field
                    ));
                }
                if when.one_of.is_empty() {
                    return Err(format!("{at}.asked_when.in names no value"));
                }
            }
            if let Some(words) = guide.words.keys().find(|value| !field_allows(path, value)) {
                return Err(format!(
                    "{at}.words names `{words}`, which is not a value of `{path}`"
                ));
            }
            if let Some(source) = guide
                .sources
                .iter()
                .find(|s| !self.sources.contains_key(*s))
            {
                return Err(format!(
                    "{at}.sources names `{source}`, which is not in [sources]"
                ));
            }
        }
        let _ = self.field_guides.set(guides);
        if let Some((word, _)) = self.answers.currencies.iter().find(|(word, codes)| {
            word.trim().is_empty()
                || codes.is_empty()
                || !codes.iter().all(|c| crate::profile::money::is_currency(c))
        }) {
            return Err(format!(
                "answers.currencies.\"{word}\" needs one or more ISO 4217 codes"
            ));
        }
        Ok(())
    }

    fn parse_field_guides(&self) -> Result<BTreeMap<String, FieldGuide>, String> {
        match &self.fields_json {
            None => Ok(BTreeMap::new()),
            Some(raw) => serde_json::from_str(raw.get()).map_err(|e| format!("fields: {e}")),
        }
    }

    /// Where the value of each field is found (`[fields]`), by field path.
    pub fn field_guides(&self) -> &BTreeMap<String, FieldGuide> {
        self.field_guides
            .get_or_init(|| self.parse_field_guides().unwrap_or_default())
    }

    /// Where the value of the field at `path` is found, in `lang`.
    pub fn field_guide(&self, path: &str, lang: Lang) -> Option<&str> {
        let guide = self.field_guides().get(path)?;
        Some(if lang == Lang::En {
            &guide.en
        } else {
            &guide.zh
        })
    }

    /// Whether the field at `path` is issued by a provider and copied from its page (`issued`).
    pub fn is_issued(&self, path: &str) -> bool {
        self.field_guides()
            .get(path)
            .is_some_and(|guide| guide.issued)
    }

    /// The words that select each value of the field at `path` (`words`), by value.
    pub fn choice_words(&self, path: &str) -> Option<&BTreeMap<String, Vec<String>>> {
        self.field_guides().get(path).map(|guide| &guide.words)
    }

    /// When the field at `path` exists, if that depends on another field (`asked_when`).
    pub fn asked_when(&self, path: &str) -> Option<&AskedWhen> {
        self.field_guides().get(path)?.asked_when.as_ref()
    }

    /// How plain prose names the field at `path`, in `lang` (`[fields."…"] label`). An entry
    /// of `[[amazon.deposit_methods]]` (`amazon.deposit_methods[1].currency`) is named as the
    /// deposit method's field.
    pub fn field_label(&self, path: &str, lang: Lang) -> Option<&str> {
        let path = crate::profile::schema::without_entry(path);
        let path = crate::profile::schema::deposit_method_path(&path).unwrap_or(&path);
        let label = self.field_guides().get(path)?.label.as_ref()?;
        Some(if lang == Lang::En {
            &label.en
        } else {
            &label.zh
        })
    }
}
