/**
 * The words that make a sentence evidence for a qualification field, in the six languages,
 * folded (lower case, no accents). One table per field; MEDDIC and BANT share some (the
 * economic buyer is BANT's authority, pain is part of need).
 */
import type { QualificationField } from './contract';

const TITLES =
  '((vp|vice president|head|director) of \\p{L}+|cfo|ceo|coo|cro|cio|cto|vp|svp|evp|chief \\p{L}+ officer|vice president|head of \\p{L}+|finance director|managing director|finanzvorstand|finanzchef|geschaftsfuhrer|geschaftsfuhrung|vorstand|kaufmannischer leiter|directeur financier|directrice financiere|daf|directeur general|directrice generale|pdg|president|director financiero|directora financiera|director general|directora general|gerente general|diretor financeiro|diretora financeira|diretor geral|diretora geral|financieel directeur|algemeen directeur|directeur|cfo)';

export const TITLE = new RegExp(`\\b${TITLES}\\b`, 'u');

const ECONOMIC_BUYER = new RegExp(
  [
    `\\b${TITLES}\\b.{0,60}\\b(sign|signs|signing|sign-off|signoff|approve|approves|approval|final say|decides|budget|unterschreibt|unterzeichnet|gibt .{0,20}frei|freigabe|entscheidet|signe|signera|valide|approuve|decide|decidera|firma|firmara|aprueba|aprobara|decide|assina|assinara|aprova|aprovara|tekent|ondertekent|keurt .{0,20}goed|beslist)`,
    `\\b(sign|signs|signing|sign-off|signoff|approve|approves|approval|final say|decides|decide|decidem|unterschreibt|freigabe|entscheidet|signe|valide|approuve|firma|aprueba|assina|aprova|tekent|beslist|budget owner|budgetverantwortlich|budgethouder)\\b.{0,60}\\b${TITLES}\\b`,
    '\\b(budget owner|budgetverantwortliche?r?|budgethouder|economic buyer|final say|das letzte wort|le dernier mot|la ultima palabra|a palavra final|het laatste woord)\\b',
  ].join('|'),
  'u',
);

export const CUES: Record<QualificationField, RegExp> = {
  metrics:
    /(\d[\d.,]*\s?(%|percent|prozent|pour ?cent|por ?ciento|por ?cento|procent)|\b(save|saves|saving|reduce|reduces|cut|cuts|increase|improve|roi|payback|sparen|spart|einsparen|reduzieren|senken|steigern|economiser|economise|reduire|gagner|augmenter|ahorrar|ahorra|reducir|aumentar|economizar|economiza|reduzir|aumentar|besparen|bespaart|verminderen|verhogen)\b.{0,80}\d|\d.{0,60}\b(hours?|days?|weeks?|stunden|tage|heures|jours|horas|dias|uur|dagen)\b.{0,30}\b(per|a|pro|par|por|por|per|each|every|jede|chaque|cada|elke)\b)/u,
  economicBuyer: ECONOMIC_BUYER,
  decisionCriteria:
    /\b(criteria|criterion|requirements?|must[- ]haves?|must support|needs? to support|has to (support|integrate|be)|non-negotiable|dealbreaker|deal breaker|kriterien|anforderungen?|muss .{0,40}(unterstutzen|integrieren|erfullen)|voraussetzung|criteres?|exigences?|doit .{0,30}(supporter|prendre en charge|s'integrer|etre)|indispensable|criterios?|requisitos?|debe .{0,30}(soportar|integrarse|cumplir)|imprescindible|criterios?|precisa .{0,30}(suportar|integrar)|obrigatorio|eisen|vereisten|moet .{0,40}(ondersteunen|integreren|voldoen)|voorwaarde)\b/u,
  decisionProcess:
    /\b((decision|buying|approval|purchasing|procurement) process|procurement|legal review|security review|vendor review|committee|board (meeting|approval|review)|steering|decides on|then (legal|procurement|the board)|purchasing|rfp|einkauf|rechtsabteilung|(entscheidungs|freigabe|einkaufs)prozess|gremium|ausschuss|service achats|service juridique|juridique|processus (de decision|d'achat|de validation)|comite|appel d'offres|departamento de compras|departamento legal|juridico|proceso de (compra|decision|aprobacion)|licitacion|processo de (compra|decisao|aprovacao)|inkoop|juridische|(beslis|inkoop|aankoop)proces|stuurgroep|aanbesteding)\b/u,
  identifyPain:
    /\b(problem|problems|pain|struggl\p{L}*|challenge|issue|manual(ly)?|spreadsheets?|takes (too long|hours|days)|losing|lose|churn|frustrat\p{L}*|error-prone|errors|herausforderung|probleme?|manuell|muhsam|verlieren|fehler|excel|probleme|difficultes?|manuel(lement)?|perdons|perdre|erreurs|galere|problemas?|dificultad(es)?|perdemos|perder|errores|dificuldades?|erros|probleem|problemen|uitdaging|handmatig|verliezen|fouten)\b/u,
  champion:
    /\b(champion|advocate|i'll push|i will push|push (this|it) internally|sell (this|it) internally|on board|i'll present|i will present|present (this|it) to|fan of|ich setze mich .{0,20}ein|intern vorstellen|intern .{0,20}(vorantreiben|prasentieren)|je vais porter|porter le projet|defendre en interne|presenter en interne|port\p{L}* le projet|lo defendere|defenderlo internamente|defender\p{L}* .{0,30}internamente|presentarlo internamente|vou defender|defender internamente|apresentar internamente|ik ga .{0,20}intern|intern verdedigen|intern presenteren|voorstander)\b/u,
  budget:
    /([$€£]\s?\d[\d.,]*\s?(k|m|mil|million|millionen|millions?|millones|milhoes|miljoen)?|\d[\d.,]*\s?(k|m)?\s?(€|eur|euros?|usd|dollars?|gbp|pounds)\b|\b(budget|budgets|budgetiert|budgete|presupuesto|presupuestado|orcamento|orcado|begroting|budgetten)\b)/u,
  authority: ECONOMIC_BUYER,
  need: /\b(need|needs|we're looking for|we are looking for|require|requires|brauchen|benotigen|suchen|besoin|avons besoin|cherchons|necesitamos|buscamos|precisamos|procuramos|nodig|zoeken|hebben .{0,20}nodig)\b/u,
  timeline:
    /\b(go[- ]live|launch|rollout|roll out|deadline|live by|start by|in place by|by (q[1-4]|end of|the end)|kick[- ]?off|einfuhrung|go-live|start|starten|livegang|einsatz|frist|lancement|mise en production|deploiement|demarrage|echeance|lanzamiento|puesta en marcha|arranque|plazo|implantacao|lancamento|prazo|inicio|livegang|lancering|uitrol|deadline|ingebruikname)\b/u,
};
