/** Every string react-jsonschema-form shows, in French (its `translateString`). */
import { englishStringTranslator, replaceStringParameters, TranslatableString } from '@rjsf/utils';

const FRENCH: Record<TranslatableString, string> = {
  [TranslatableString.ArrayItemTitle]: 'Élément',
  [TranslatableString.MissingItems]: 'Définition des éléments manquante',
  [TranslatableString.EmptyArray]: 'Aucun élément pour l’instant : le bouton ci-dessous en ajoute un.',
  [TranslatableString.YesLabel]: 'Oui',
  [TranslatableString.NoLabel]: 'Non',
  [TranslatableString.CloseLabel]: 'Fermer',
  [TranslatableString.ErrorsLabel]: 'Erreurs',
  [TranslatableString.NewStringDefault]: 'Nouvelle valeur',
  [TranslatableString.AddButton]: 'Ajouter',
  [TranslatableString.AddItemButton]: 'Ajouter un élément',
  [TranslatableString.CopyButton]: 'Dupliquer',
  [TranslatableString.ExpandButton]: 'Déplier',
  [TranslatableString.MoveDownButton]: 'Descendre',
  [TranslatableString.MoveUpButton]: 'Monter',
  [TranslatableString.RemoveButton]: 'Supprimer',
  [TranslatableString.NowLabel]: 'Maintenant',
  [TranslatableString.ClearLabel]: 'Effacer',
  [TranslatableString.AriaDateLabel]: 'Choisir une date',
  [TranslatableString.PreviewLabel]: 'Aperçu',
  [TranslatableString.DecrementAriaLabel]: 'Diminuer de 1',
  [TranslatableString.IncrementAriaLabel]: 'Augmenter de 1',
  [TranslatableString.OptionalObjectAdd]: 'Renseigner cette rubrique facultative',
  [TranslatableString.OptionalObjectRemove]: 'Retirer cette rubrique facultative',
  [TranslatableString.OptionalObjectEmptyMsg]: 'Rubrique facultative non renseignée',
  [TranslatableString.Type]: 'Type',
  [TranslatableString.Value]: 'Valeur',
  [TranslatableString.ClearButton]: 'effacer la saisie',
  [TranslatableString.UnknownFieldType]: 'Type de champ inconnu : %1',
  [TranslatableString.OptionPrefix]: 'Choix %1',
  [TranslatableString.TitleOptionPrefix]: '%1, choix %2',
  [TranslatableString.KeyLabel]: 'Clé de %1',
  [TranslatableString.DeprecatedLabel]: '%1 (obsolète)',
  [TranslatableString.CycleDetected]: 'Référence circulaire détectée pour le champ « %1 » : vous pouvez déplier le niveau suivant.',
  [TranslatableString.InvalidObjectField]: 'Configuration invalide du champ « %1 » : _%2_.',
  [TranslatableString.UnsupportedField]: 'Champ non pris en charge.',
  [TranslatableString.UnsupportedFieldWithId]: 'Champ « %1 » non pris en charge.',
  [TranslatableString.UnsupportedFieldWithReason]: 'Champ non pris en charge : _%1_.',
  [TranslatableString.UnsupportedFieldWithIdAndReason]: 'Champ « %1 » non pris en charge : _%2_.',
  [TranslatableString.FilesInfo]: '**%1** (%2, %3 octets)',
};

export function translateString(key: TranslatableString, params?: string[]): string {
  const french = FRENCH[key];
  // A string added by a later rjsf falls back to English rather than to nothing.
  return french === undefined ? englishStringTranslator(key, params) : replaceStringParameters(french, params);
}
