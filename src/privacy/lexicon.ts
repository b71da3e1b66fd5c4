/** Words the detectors share, lowercase and accent-folded. */

/** Civilities: what comes before a person's name (« Mme Durand », « monsieur dupont »). */
export const CIVILITIES = new Set(['m', 'mr', 'mrs', 'ms', 'mme', 'mmes', 'mlle', 'melle', 'monsieur', 'madame', 'mademoiselle']);

/** Professional titles: the name after them is a colleague's, not a patient's. */
export const TITLES = new Set(['dr', 'docteur', 'pr', 'professeur', 'me', 'maitre', 'doctor']);

/** Nouns that name a person (the subject of « né le … »). */
export const PERSON_NOUNS = new Set([
  'patient', 'patiente', 'patients', 'patientes', 'enfant', 'bebe', 'nourrisson', 'fille', 'fils', 'garcon', 'mari', 'epouse',
  'femme', 'homme', 'dame', 'monsieur', 'madame', 'mere', 'pere', 'resident', 'residente', 'usager', 'usagere', 'beneficiaire',
  'assure', 'assuree', 'petit', 'petite', 'ado', 'adolescent', 'adolescente', 'neveu', 'niece', 'frere', 'soeur', 'grand-mere',
  'grand-pere', 'il', 'elle', 'lui', 'child', 'baby', 'he', 'she',
]);

/** Determiners: a noun phrase opened by one of them (« notre MSP », « l'idée ») is not a name. */
export const DETERMINERS = new Set([
  'le', 'la', 'les', 'l', 'un', 'une', 'des', 'du', 'de', 'd', 'au', 'aux', 'notre', 'nos', 'votre', 'vos', 'mon', 'ma', 'mes',
  'ton', 'ta', 'tes', 'son', 'sa', 'ses', 'leur', 'leurs', 'ce', 'cet', 'cette', 'ces', 'the', 'our', 'this',
]);

/** Prepositions before a single capitalised word: « à Lyon », « en Corse », « par Durand (2009) ». */
export const PREPOSITIONS = new Set(['a', 'en', 'sur', 'dans', 'par', 'pour', 'avec', 'vers', 'chez', 'selon', 'et', 'ou', 'in', 'at', 'by']);

/** Words that open a street name. */
export const STREET_TYPES = [
  'rue', 'avenue', 'av', 'boulevard', 'bd', 'blvd', 'place', 'pl', 'impasse', 'imp', 'allee', 'chemin', 'ch', 'route', 'rte',
  'quai', 'cours', 'square', 'sq', 'faubourg', 'fg', 'passage', 'sentier', 'lotissement', 'residence', 'hameau', 'lieu-dit',
  'voie', 'esplanade', 'parvis', 'rond-point', 'montee', 'traverse', 'cite', 'villa', 'promenade', 'street', 'road',
];

/** Verbs and words that say where someone lives. */
export const RESIDENCE_WORDS = ['habite', 'habitant', 'demeure', 'demeurant', 'domicilie', 'domiciliee', 'reside', 'residant', 'vit', 'vivant', 'lives'];

/** Months and days: capitalised in some writings, never a name. */
export const CALENDAR_WORDS = new Set([
  'janvier', 'fevrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'aout', 'septembre', 'octobre', 'novembre', 'decembre',
  'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche',
]);

/** Auxiliaries between a subject and « né » (« est née », « a été »). */
export const AUXILIARIES = new Set(['est', 'etait', 'a', 'ete', 'fut', 'sont', 'etaient', 'qui', 'is', 'was', 's', 'serait']);
