/**
 * A skeleton of `convention init` filled in as a user would: plausible texts, and for the values
 * that have a form or a list of choices, one the comment above their rubrique gives.
 */
const MARKER = 'À COMPLÉTER';

export function fillSkeleton(text: string): string {
  return text
    .replace(/code_postal: À COMPLÉTER/g, 'code_postal: "69003"')
    .replace(/date: À COMPLÉTER/g, 'date: 2024-11-14')
    .replace(/civilite: À COMPLÉTER/g, 'civilite: Madame')
    .replace(/genre: À COMPLÉTER/g, 'genre: féminin')
    .replace(/modele: À COMPLÉTER/g, 'modele: departemental')
    .replace(/partenaire_nature: À COMPLÉTER/g, 'partenaire_nature: association')
    .replace(/regimes: \[À COMPLÉTER\]/g, 'regimes: [responsables-distincts]')
    .replace(/publics: \[À COMPLÉTER\]/g, 'publics: [cej]')
    .replace(/annees: À COMPLÉTER/g, 'annees: 1')
    .replace(/renouvellement: À COMPLÉTER/g, 'renouvellement: tacite')
    .replace(/(prenom|nom): À COMPLÉTER/g, '$1: Martin')
    .replace(/voie: À COMPLÉTER/g, 'voie: 1 rue de la République')
    .replace(/(commune|lieu): À COMPLÉTER/g, '$1: Lyon')
    .replace(/fonction: À COMPLÉTER/g, 'fonction: Directrice')
    .replaceAll(`: ${MARKER}`, ': Texte convenu entre les parties')
    .replaceAll(`- ${MARKER}`, '- Point convenu entre les parties')
    .replaceAll(`[${MARKER}]`, '[Partenaire]')
    .replaceAll(MARKER, 'du Rhône');
}
