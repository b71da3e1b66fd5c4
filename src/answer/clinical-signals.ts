/**
 * What a question says about care, read on lowercase accent-folded text with
 * punctuation as spaces (normalizeForMatch). Each signal is a family of
 * expressions, not a list of questions: drugs (names, brands, the endings of
 * international non-proprietary names, drug classes), symptoms and conditions,
 * measures of a person (age or weight of a patient, temperature, vital signs,
 * a quantity of drug), a specific patient, a clinical ask (dose, choice of
 * treatment, what to do, diagnosis), and the organisational frame (protocols,
 * delegation, who may do what, funding).
 */
const words = (list: string) => list.trim().split(/\s+/).join('|').replaceAll('_', ' ?');
const rx = (source: string) => new RegExp(source);

/** « la prendre dans le protocole », « take her into the protocol »: including a patient in a protocol, not a care act. */
const INTO_PROTOCOL = String.raw`(?!(?: \w+){0,3} (?:dans|en|sous|par|into|under|in|on) (?:le |un |ce |the |a |this |our |notre )?(?:protocoles?|protocols?|delegation|cooperation))`;

const DRUG_CLASSES = words(`
  medicaments? antibiotiques? antibiotherapie antalgiques? antidouleurs? anti_inflammatoires? ains anticoagulants? antiagregants?
  antihistaminiques? antihypertenseurs? diuretiques? corticoides? corticotherapie cortisone antiviraux antiviral antifongiques?
  antiemetiques? antidepresseurs? anxiolytiques? somniferes? hypnotiques? laxatifs? vaccins? collyres? sirops? pommades? creme
  suppositoires? comprimes? gelules? sachets? ampoules? injections? perfusions? patchs? aerosols? inhalateurs? insuline opioides?
  morphiniques? benzodiazepines? neuroleptiques? contraception pilule traitements? antibiotic antibiotics painkillers? drugs? medication
  medicine treatment steroids? antihistamines? anticoagulants? diuretics? antivirals? antidepressants? antihypertensives?
  betabloquants? beta_bloquants? beta_blockers? betablockers? ieca ace_inhibitors? statines? statins? antiarythmiques?
  antidiabetiques? antipyretiques? antispasmodiques? ipp opioids? nsaids? chimiotherapie chemotherapy
  antibios? corticos?`);
const DRUG_NAMES = words(`
  paracetamol doliprane dafalgan efferalgan ibuprofene advil nurofen aspirine kardegic amoxicilline augmentin clamoxyl fosfomycine
  monuril pivmecillinam selexid nitrofurantoine furadantine ceftriaxone rocephine azithromycine clarithromycine pristinamycine
  codeine tramadol morphine oxycodone ixprim lamaline spasfon phloroglucinol smecta imodium gaviscon inexium mopral omeprazole
  ventoline salbutamol seretide symbicort prednisolone prednisone solupred celestene betamethasone hydrocortisone levothyrox
  levothyroxine metformine glucophage insuline lantus xarelto rivaroxaban eliquis apixaban previscan coumadine warfarine
  lovenox enoxaparine heparine lasilix furosemide amlodipine ramipril bisoprolol atorvastatine simvastatine biafine zyrtec
  cetirizine aerius desloratadine xanax seresta lexomil stilnox zolpidem deroxat ritaline adrenaline anapen epipen vitamine
  fer spasfon toplexil helicidine humex strepsils amoxicillin ibuprofen paracetamol acetaminophen aspirin warfarin fosfomycin
  levothyroxine insulin morphine codeine prednisolone salbutamol cortisone prednisone hydrocortisone lidocaine
  amox doli fosfo`);
/** Endings of international non-proprietary names (-cilline, -floxacine, -prazole, -sartan…). */
const DRUG_ENDINGS = words(`
  cillin mycin micin floxacin cyclin azol prazol statin sartan pril olol dipin xaban gatran parin semid formin gliptin triptan
  azepam zepam oxetin pramin afil lukast ciclovir profen fenac solon tidin setron`);

const CONDITIONS = words(`
  fievre febrile temperature toux tousse tousser douleurs? mal maux cystite pyelonephrite angine otite sinusite bronchite bronchiolite
  pneumopathie pneumonie grippe covid rhume diabete diabetique hypertension hypertendu hypotension tension saturation glycemie
  hypoglycemie inr crp creatinine clairance vomit vomissements? vomi diarrhee constipation eruption boutons? allergie allergique
  asthme crise convulsions? malaise saignements? saigne hemorragie hematome plaie brulures? entorse lombalgie sciatique fracture chute
  tombe tombee confuse? confusion vertiges? nausees? infection infectee zona varicelle rougeole phlebite thrombose embolie contractions
  rash fever cough pain sore throat infection uti otitis burn sprain headache migraine rhinite conjonctivite mycose frissons
  courbatures fatigue essoufflement essouffle oedeme gonflees? gonfle rouge chaud mollet thoracique poitrine abdominale ventre
  appendicite colique angor infarctus avc measles chest attack swollen wrist dyspnee palpitations urinant urinaires? pleure gratte
  demangeaisons prurit symptomes? symptoms pale vomiting bleeding ear burning urinating urination pansements? sutures? dressing`);

const PERSON = `(?:patient|patiente|patients|patientes|enfant|bebe|nourrisson|fille|fils|garcon|gamin|gamine|gosse|mome|boy|girl|mari|femme|homme|dame|monsieur|mere|pere|ado|adolescent|adolescente|resident|residente|child|baby|woman|man|kid|toddler|infant)`;
const POSSESSIVE = `(?:mon|ma|mes|notre|nos|ce|cette|cet|my|our|this|the|le|la|l)`;

/** A specific person: « mon patient », « ma fille », « un enfant de 4 ans », « une patiente enceinte », « a 3 year old ». */
const SPECIFIC_PATIENT = [
  rx(String.raw`\b${POSSESSIVE} (?:petit |petite |jeune )?${PERSON}\b(?! (?:concernes?|eligibles?|inclus|pris en charge par))`),
  rx(String.raw`\b(?:un|une|a|an) (?:petit |petite |jeune )?${PERSON} (?:de \d+|qui|sous|avec|a |aged|with|has|enceinte|diabetique|hypertendu|insuffisant|age|agee)`),
  rx(String.raw`\bj ai (?:un|une) ${PERSON}`),
  // « mon insuffisant cardiaque », « mes diabétiques »: a caregiver's patients named by their condition.
  rx(String.raw`\b(?:mon|ma|mes|notre|nos|my|our) (?:insuffisante?s? (?:cardiaques?|renaux|renales?|respiratoires?)|diabetiques?|hypertendue?s?|asthmatiques?|dialysee?s?|bpco)\b`),
  rx(String.raw`\b\d+ ?(?:year|month|yr)s? old\b`),
  rx(String.raw`\b(?:un|une|a|an) (?:${PERSON}|femme enceinte)\b`),
  rx(String.raw`\b(?:il|elle) (?:tousse|vomit|saigne|pleure|gratte)\b|\b(?:il|elle) (?:a|fait|prend) (?:de la |de l |du |des |une |un |mal |encore |toujours )?(?:${CONDITIONS}|${DRUG_CLASSES}|${DRUG_NAMES})\b`),
];

/** A person's age: a protocol's population criterion as much as a clinical fact. */
const AGE = rx(String.raw`\b${PERSON} (?:de |of )?\d+(?: \d+)? ?(?:ans?|mois|years?|months?)\b`);

/** Clinical measures of a person: weight, temperature, vital signs, results. */
const MEASURES = [
  rx(String.raw`\b${PERSON} (?:de |of )?\d+(?: \d+)? ?(?:kg|kilos?)\b`),
  rx(String.raw`\b\d+(?: \d+)? ?(?:kg|kilos?)\b`),
  rx(String.raw`\b(?:3[5-9]|4[0-2])(?: [0-9])? ?(?:de fievre|de temperature|degres|c\b)`),
  rx(String.raw`\b(?:a|at|of) (?:3[7-9]|4[0-2])(?: [0-9])?\b(?! ans| mois)`),
  rx(String.raw`\b(?:fever|fievre|temperature) (?:of |de |a )?(?:3[7-9]|4[0-2])\b`),
  rx(String.raw`\b(?:tension|saturation|glycemie|inr|crp|creatinine|clairance|hba1c|taux)(?: a jeun)? (?:a|est a|de|at|of)? ?\d`),
  rx(String.raw`\bpris \d+ ?kg\b`),
  // « score de McIsaac à 2 », « Ottawa score of 3 »: a clinical score of a patient.
  rx(String.raw`\bscores? (?:de |d )?\w+ (?:a |de |=|of |at )?\d\b|\b\w+ score (?:of |at |a |de )?\d\b`),
];

/** A quantity of drug: « 500 mg », « 3 g », « 10 gouttes », « 2 comprimés », « 3 fois par jour », « toutes les 6 heures ». */
export const DOSE = [
  rx(String.raw`\b\d+(?: \d+)? ?(?:mg|g|ml|cl|ui|µg|mcg|microgrammes?|milligrammes?|grammes?|gouttes?|comprimes?|cp|gelules?|sachets?|bouffees?|doses?|ampoules?|units?|drops?|tablets?|puffs?)(?: (?:par|per|\/) ?(?:kg|jour|j|day|prise))?\b`),
  rx(String.raw`\b\d+ (?:fois|times) (?:par |a |per )?(?:jour|j|24 ?h|day|daily|a day)\b`),
  rx(String.raw`\b(?:toutes les|every) \d+ ?(?:h|heures?|hours?)\b`),
  rx(String.raw`\b(?:doliprane|dafalgan|efferalgan|advil|augmentin) \d+\b`),
];

/**
 * Asking how much of a drug, in its units or by how much to change it: « combien de mg », « combien d'UI », « how many
 * mg », « de combien j'augmente le bisoprolol », « by how much do I increase ».
 */
const QUANTITY_ASKED = rx(
  String.raw`\b(?:combien (?:de|d)|how many|how much) (?:mg|milligrammes?|milligrams?|grammes?|grams?|g|ml|millilitres?|milliliters?|cl|ui|unites|units?|µg|mcg|microgrammes?|comprimes?|tablets?|gouttes?|drops?|bouffees?|puffs?|sachets?|ampoules?)\b|\b(?:de combien|by how much|jusqu a combien)\b.*\b(?:augment|diminu|baiss|mont|redui|increas|reduc|decreas|titr)\w*|\b(?:augment|diminu|baiss|mont|redui|increas|reduc|decreas|titr)\w* (?:\w+ )?(?:de combien|by how much)\b|\btous les combien\b`,
);

/** Asking for a dose, a treatment, what to do, a diagnosis, or whether something is serious. */
const CLINICAL_ASK = [
  rx(String.raw`\b(?:quelles? (?:dose|posologie|quantite|duree)|posologies?|dosage (?:de|d|du|des|pour)|dose (?:maximale|max|de|d|pour)|a quelle dose|combien (?:de|d) (?:jours|temps|fois)|combien (?:de |d )?(?:${DRUG_NAMES}))\b`),
  rx(String.raw`\b(?:what|which|right|correct|how much|how many)\b.*\b(?:dose|dosage|mg|antibiotic|treatment|painkiller|drug|medication|medicine|${DRUG_NAMES})\b`),
  rx(String.raw`\bquel(?:le)?s? (?:${DRUG_CLASSES}|examens?|vaccins?|traitement de fond|anti ?\w+|bilan|imagerie)\b`),
  rx(String.raw`\b(?:que|quoi) (?:faire|prescrire|donner|lui donner|lui prescrire|mettre|proposer)\b|\b(?:je|on) (?:lui )?(?:donne|prescris|prescrit|fais|mets) quoi\b|\b(?:on|je|tu) (?:lui|leur) (?:conseille|conseilles|recommande|recommandes)\b|\bpar quoi (?:remplacer|le remplacer)\b|\bque dois je (?:faire|donner|prescrire)\b`),
  rx(String.raw`\b(?:conduite a tenir|cat devant|prise en charge (?:de|d une|d un) (?:cette|ce|la|une|un)? ?(?:${CONDITIONS}))\b`),
  rx(String.raw`\b(?:faut il|faut il|dois je|doit on|devrais je|est il necessaire de|should i|do i need|do we need|should we)\b.*\b(?:hospitaliser|consulter|arreter|augmenter|diminuer|reduire|baisser|suturer|prescrire|donner|mettre|faire une|faire un|appeler le 15|appeler|orienter|renouveler|traiter|stop|increase|give|prescribe|refer|x ray|irm|radio|scanner|echographie|antibio|une antibioprophylaxie|ajuster|continuer|changer)\b`),
  rx(String.raw`\b(?:est ce|c est|is it|is this)\b.*\b(?:grave|urgent|inquietant|normal|serious|safe|dangerous|worrying)\b|\b(?:est ce|c est|is it|is this) (?:une |un |la |le |l |a |an )?(?:${CONDITIONS})\b`),
  rx(String.raw`\b(?:peut on|puis je|peux je|je peux|can i|can we|may i|peut il prendre|peut elle prendre|can a child take|can he take|can she take)\b.*\b(?:donner|associer|prescrire|arreter|continuer|give|combine|prescribe|(?:mettre|prendre|take|put)(?! en charge)${INTO_PROTOCOL})\b`),
  rx(String.raw`\b(?:comment (?:soigner|traiter|ajuster|calmer|faire baisser|equilibrer)|how (?:to|do i|should i) (?:treat|manage|adjust))\b`),
  rx(String.raw`\b(?:diagnostic|diagnostiquer|diagnosis|diagnose|interprete|interpreter|interpret|font penser|faire penser|penser a une?|qu en penses tu|what do you think|on continue|est il diabetique|tu en penses quoi)\b`),
  rx(String.raw`\b(?:${CONDITIONS}) ou (?:${CONDITIONS})\b|\b(?:${DRUG_NAMES}) ou (?:${DRUG_NAMES})\b`),
  rx(String.raw`\b(?:traitements?|traiter|soigner|treatments?|treat|antibiotiques?|antibiotherapie|antibiotics?)\b (?:de |d |du |des |pour |contre |of |for )(?:la |l |une |un |les |a |an )?(?:${CONDITIONS})\b`),
  rx(String.raw`\b(?:augment|diminu|baiss|arret|doubl|increas|reduc|decreas)\w* (?:le |la |l |les |son |sa |ses |the |his |her )?(?:dose (?:de |d |du |of )?)?(?:${DRUG_NAMES}|\w{3,}(?:${DRUG_ENDINGS})e?s?)\b`),
  QUANTITY_ASKED,
  rx(String.raw`\b(?:que faire|what should i do|what to do|what do i do|what can i give|what to give|which one|tu (?:me )?conseilles?|conseilles tu|me conseiller|recommandes tu|tu recommandes|what do you (?:advise|recommend|suggest))\b`),

];

/** The question is about the organisation of care: protocols, delegation, who may do what, funding. */
const ORGANISATION = [
  rx(String.raw`\b(?:protocoles?|protocols?|deleg\w*|cooperation|article 51|derogatoires?)\b`),
  rx(String.raw`\b(?:qui peut|qui peuvent|qui realise|qui decide|qui ajuste|qui prend en charge|qui valide|who can|who may|who is allowed)\b`),
  rx(String.raw`\b(?:pharmaciens?|pharmaciennes?|infirmiers?|infirmieres?|kines?|kinesitherapeutes?|sages? femmes?|ipa|medecins?|manipulateurs?|ioa|pharmacists?|nurses?|physiotherapists?|midwives|midwife)\b.*\b(?:peut il|peut elle|peuvent ils|peuvent elles|peut|peuvent|peux|puis je|pouvons|a t il le droit|est il autorise|sont ils autorises|en tant que|can|may|allowed)\b`),
  // « Can the triage nurse order an X-ray… »: the English question puts its verb first.
  rx(String.raw`\b(?:can|may|could|is|are) (?:the |a |an |our |my |your )?(?:\w+ ){0,2}(?:pharmacists?|nurses?|physiotherapists?|physios?|midwives|midwife|radiographers?|orthoptists?)\b`),
  rx(String.raw`\b(?:par|by) (?:le |la |l |un |une |les |the |a )?(?:pharmaciens?|pharmaciennes?|infirmiers?|infirmieres?|kines?|kinesitherapeutes?|sages? femmes?|ipa|ide|manipulateurs?|manip|ioa|merm|orthoptistes?|pharmacists?|nurses?|physiotherapists?|physios?|midwives|midwife)\b`),
  rx(String.raw`\b(?:en tant que|autorises?|autorise t il|permet il|permet elle|permettent|prevoit il|prevoit elle|prevoit|habilites?|droit de|champ|cadre|eligibles?|inclusion|exclusion|criteres?|concernes?|concerne t il|concerne t elle|formation|training|eligible|under the|allow|allows|let the|lets the)\b`),
  rx(String.raw`\b(?:ars|msp|cpts|aci|esp|sisa|cpam|dac|pta|maia|urps|dispositifs? d appui|coordination|coordinated care|remuner\w*|financ\w*|rembourse\w*|declar\w*|responsabilite|consentement|tracer|trace t il|signaler|convention|organiser|indicateurs?|annuaire|logiciel|tele ?expertises?|tele ?consultations?|telemedecine|requis|requerant|dmp|messagerie)\b`),
];

export interface ClinicalSignals {
  drug: boolean;
  condition: boolean;
  measure: boolean;
  /** A person's age (« une femme de 70 ans »): specific, but not clinical content. */
  age: boolean;
  dose: boolean;
  /** Asking for a dose (« quelle posologie », « what dose », « combien de mg », « de combien augmenter »): dosing advice whatever frames it. */
  doseAsked: boolean;
  /** Asking which drug to give (« what antihistamine should I give »): a choice of treatment whatever frames it. */
  drugChoiceAsked: boolean;
  /** Asking how much care (sessions, a splint, a drug, for a condition) a patient should get: how many, how long, how often. */
  careQuantityAsked: boolean;
  patient: boolean;
  ask: boolean;
  /** How many organisational families the question touches. */
  organisation: number;
}

const DOSE_ASKED = rx(
  String.raw`\b(?:quel(?:le)?s?|what|which)(?: (?!est\b|is\b|sont\b|are\b)\w+){0,2} (?:doses?|dosages?|posologies?)\b|\b(?:doses?|posologies?) (?:cibles?|maximales?|max)\b|\btarget doses?\b|\bhow much (?:of )?(?:${DRUG_NAMES})\b|\bcombien (?:de |d )?(?:${DRUG_NAMES})\b`,
);

const DRUG = rx(String.raw`\b(?:${DRUG_CLASSES}|${DRUG_NAMES}|\w{3,}(?:${DRUG_ENDINGS})e?s?)\b`);

/** Which drug to give asked: « what antihistamine should I give », « which antibiotic should the nurse prescribe », « quel antalgique je lui donne ». */
const DRUG_CHOICE = rx(
  String.raw`\b(?:what|which) (?:${DRUG_CLASSES}|${DRUG_NAMES})(?: \w+){0,2} (?:should|do|can|must|would) (?:i|we|you|the nurse|the pharmacist|the physio) (?:give|prescribe|use|start|recommend|choose)\b|\bquel(?:le)?s? (?:${DRUG_CLASSES}|${DRUG_NAMES})(?: \w+){0,4} (?:je|on|tu|il|elle|l ide|l infirmiere|le pharmacien|le kine) (?:lui |leur )?(?:donne|prescri[st]|met|mets|conseille|choisi[st])\b`,
);
/**
 * How much care a patient should get asked (« combien de séances dois-je lui prescrire », « combien de temps doit-elle
 * garder l'orthèse », « à quel rythme », « how long should she wear it »): a care decision for that patient.
 */
const CARE_QUANTITY_ASKED = rx(
  String.raw`\b(?:combien (?:de |d )?(?:seances?|temps|jours|semaines|fois)|a quel rythme|quelle frequence|how many (?:sessions|days|weeks|times)|how long|how often)\b.*\b(?:lui|leur|doit elle|doit il|dois je|doit on|garder|porter|should (?:she|he|i|we)|does (?:she|he)|her|him)\b`,
);
/** Care given to a patient that can be counted or timed (sessions, a splint). */
const CARE_GIVEN = rx(String.raw`\b(?:seances?|reeducation|orthese|attelle|contention|pansements?|sessions?|brace|splint|dressings?)\b`);
const CONDITION = rx(String.raw`\b(?:${CONDITIONS})\b`);

export const anyOf = (patterns: readonly RegExp[], text: string): boolean => patterns.some((p) => p.test(text));

/** The signals of a normalised text (normalizeForMatch). */
export function clinicalSignals(normalized: string): ClinicalSignals {
  return {
    drug: DRUG.test(normalized),
    condition: CONDITION.test(normalized),
    measure: anyOf(MEASURES, normalized),
    age: AGE.test(normalized),
    dose: anyOf(DOSE, normalized),
    doseAsked: DOSE_ASKED.test(normalized) || QUANTITY_ASKED.test(normalized),
    drugChoiceAsked: DRUG_CHOICE.test(normalized),
    careQuantityAsked: CARE_QUANTITY_ASKED.test(normalized) && (CONDITION.test(normalized) || DRUG.test(normalized) || CARE_GIVEN.test(normalized)),
    patient: anyOf(SPECIFIC_PATIENT, normalized),
    ask: anyOf(CLINICAL_ASK, normalized),
    organisation: ORGANISATION.filter((p) => p.test(normalized)).length,
  };
}
