//! Checks a merged pack holds what every rule and output needs, naming the file it came from.

use super::*;

impl RulePack {
    pub(super) fn validate(&mut self, origin: &str, eager: bool) -> Result<(), PolicyError> {
        let err = |problem: String| PolicyError::new(origin, problem);
        if self.evidence.max_items == 0 {
            return Err(err(
                "evidence.max_items = 0 would leave every evidence list empty".into(),
            ));
        }
        for (code, rule) in &self.rules {
            let at = |what: &str| format!("rules.{code}.{what}");
            if rule.severity.is_none() {
                return Err(err(format!("{} is missing", at("severity"))));
            }
            if rule.confidence.is_none() {
                return Err(err(format!("{} is missing", at("confidence"))));
            }
            if rule.scope.is_empty() {
                return Err(err(format!(
                    "{} is missing (the flows the rule applies to, e.g. [\"ozon-lianlian\"] or [\"any\"])",
                    at("scope")
                )));
            }
            match rule.prior {
                Some(p) if (0.0..=1.0).contains(&p) => {}
                Some(p) => {
                    return Err(err(format!("{} = {p} is not between 0 and 1", at("prior"))));
                }
                None => return Err(err(format!("{} is missing", at("prior")))),
            }
            for source in &rule.sources {
                if !self.sources.contains_key(source) {
                    return Err(err(format!(
                        "{} names `{source}`, which is not in [sources]",
                        at("sources")
                    )));
                }
            }
            // Locations are worded only for a mistake: this runs for every rule at start-up.
            self.check_symptom_ids(|| at("symptoms"), &rule.symptoms)
                .map_err(err)?;
            for (pattern, symptoms) in &rule.symptoms_by_field {
                self.check_symptom_ids(
                    || at(&format!("symptoms_by_field.\"{pattern}\"")),
                    symptoms,
                )
                .map_err(err)?;
            }
            self.check_prerequisites(code, rule).map_err(err)?;
            // The built-in texts are checked by a unit test instead: parsing every text of both
            // languages at start-up would cost more than the check of a profile.
            if eager {
                check_texts(code, rule).map_err(err)?;
            }
            for (key, value) in &rule.params {
                if key == "pattern" || key.ends_with("_pattern") {
                    let Some(text) = value.as_str() else {
                        return Err(err(format!(
                            "{} must be a string",
                            at(&format!("params.{key}"))
                        )));
                    };
                    let cell = std::sync::OnceLock::new();
                    // Built-in patterns are compiled by a unit test; a user's rulepack is
                    // checked now, so a bad pattern is reported before any profile is read.
                    if eager {
                        let regex = compile(text)
                            .map_err(|e| err(format!("{} {e}", at(&format!("params.{key}")))))?;
                        let _ = cell.set(regex);
                    }
                    self.patterns.push(((code.clone(), key.clone()), cell));
                }
                if key.ends_with("_hints") {
                    let cell = std::sync::OnceLock::new();
                    self.literals.push(((code.clone(), key.clone()), cell));
                }
            }
        }
        for (code, meaning) in &self.error_codes {
            self.check_symptom_ids(|| format!("error_codes.{code}.symptoms"), &meaning.symptoms)
                .map_err(err)?;
        }
        self.validate_facts().map_err(err)?;
        // The built-in guides are checked by a unit test, like the built-in texts.
        if eager {
            self.validate_field_guides().map_err(err)?;
        }
        if eager && !self.ranking.error_code_pattern.is_empty() {
            compile(&self.ranking.error_code_pattern)
                .map_err(|e| err(format!("ranking.error_code_pattern {e}")))?;
        }
        for (i, spelling) in self.ranking.error_code_spellings.iter().enumerate() {
            compile(&spelling.pattern)
                .map_err(|e| err(format!("ranking.error_code_spellings[{i}].pattern {e}")))?;
        }
        Ok(())
    }

    /// A rule's `prerequisites` name other rules, and its `prerequisite_of` flows, not `any`.
    fn check_prerequisites(&self, code: &str, rule: &RulePolicy) -> Result<(), String> {
        let at = |what: &str| format!("rules.{code}.{what}");
        if let Some(prerequisite) = rule
            .prerequisites
            .iter()
            .find(|p| *p == code || !self.rules.contains_key(*p))
        {
            return Err(format!(
                "{} names `{prerequisite}`, which is not another rule",
                at("prerequisites")
            ));
        }
        if rule.prerequisite_of.contains(&Flow::Any) {
            return Err(format!(
                "{} names `any`: name the flows whose rules wait for this one",
                at("prerequisite_of")
            ));
        }
        Ok(())
    }

    fn check_symptom_ids(
        &self,
        at: impl FnOnce() -> String,
        symptoms: &[String],
    ) -> Result<(), String> {
        match symptoms.iter().find(|s| !self.symptoms.contains_key(*s)) {
            Some(unknown) => Err(format!(
                "{} names `{unknown}`, which is not in [symptoms]",
                at()
            )),
            None => Ok(()),
        }
    }

    /// Every fact's conditions name a field of the format, one test each, and known symptoms;
    /// its `rules_out` names rules; it has a reason in both languages when it rules one out.
    fn validate_facts(&self) -> Result<(), String> {
        for (id, fact) in &self.facts {
            let at = |what: &str| format!("facts.{id}.{what}");
            if fact.when.is_empty() {
                return Err(format!("{} needs at least one condition", at("when")));
            }
            for condition in &fact.when {
                if let Some(field) = &condition.field
                    && crate::profile::schema::field(field).is_none()
                {
                    return Err(format!(
                        "{} names `{field}`, which is not a field of the profile format",
                        at("when")
                    ));
                }
                let tests = [
                    condition.equals.is_some(),
                    condition.at_least.is_some(),
                    condition.symptom.is_some(),
                ];
                let one_test = tests.iter().filter(|t| **t).count() == 1;
                let needs_field = condition.equals.is_some() || condition.at_least.is_some();
                if !one_test || (needs_field && condition.field.is_none()) {
                    return Err(format!(
                        "{}: each condition is `field` with `equals` or `at_least`, or `symptom` (with or without `field`)",
                        at("when")
                    ));
                }
                if let Some(symptom) = &condition.symptom {
                    self.check_symptom_ids(|| at("when"), std::slice::from_ref(symptom))?;
                }
            }
            self.check_symptom_ids(|| at("symptoms"), &fact.symptoms)?;
            if let Some(source) = fact.sources.iter().find(|s| !self.sources.contains_key(*s)) {
                return Err(format!(
                    "{} names `{source}`, which is not in [sources]",
                    at("sources")
                ));
            }
            if let Some(code) = fact.rules_out.iter().find(|c| !self.rules.contains_key(*c)) {
                return Err(format!(
                    "{} names `{code}`, which is not a rule",
                    at("rules_out")
                ));
            }
            if !fact.rules_out.is_empty() && (fact.en.is_empty() || fact.zh.is_empty()) {
                return Err(format!(
                    "facts.{id} rules out rules, so it needs `en` and `zh` reasons"
                ));
            }
        }
        Ok(())
    }
}
