// Labeled knowledge questions for `npm run eval`: the document that answers
// each, and a fact the answer must contain (matched case-insensitively).
export interface LabeledQuestion {
  readonly question: string;
  readonly document: string;
  /** Other documents that state the same fact just as well (e.g. the channel template beside the playbook). */
  readonly also?: readonly string[];
  readonly fact: string;
}

const TIERS = 'playbooks/campaign-tiers.md';
const EMAIL = 'playbooks/email-campaign-checklist.md';
const EVENT = 'playbooks/event-campaign-playbook.md';
const SOCIAL = 'playbooks/social-campaign-playbook.md';
const LAUNCH = 'playbooks/product-launch-playbook.md';
const PARTNER = 'playbooks/partner-campaign-playbook.md';
const CONTENT = 'playbooks/content-blog-playbook.md';
const VOICE = 'guidelines/brand-voice.md';

export const QUESTIONS: readonly LabeledQuestion[] = [
  { question: 'What are the steps for launching an email campaign?', document: EMAIL, fact: 'Post-launch measurement' },
  { question: 'How much lead time does a Tier 1 campaign need?', document: TIERS, fact: '8–12 weeks' },
  { question: 'How much lead time does a Tier 2 campaign need?', document: TIERS, fact: '4–8 weeks' },
  { question: 'Who approves a Tier 1 campaign?', document: TIERS, fact: 'VP' },
  { question: 'What budget makes a campaign Tier 1?', document: TIERS, fact: '$100,000' },
  { question: 'Is a product launch with a small budget still Tier 1?', document: TIERS, also: [LAUNCH], fact: 'Tier 1' },
  { question: 'What planning exchange rate applies to GBP?', document: TIERS, fact: '1.27' },
  { question: 'How often are the planning exchange rates reviewed?', document: TIERS, fact: 'quarterly' },
  { question: 'What happens when a launch date is closer than the minimum lead time?', document: TIERS, fact: 'flagged' },
  { question: 'What deliverables does a Tier 2 campaign include?', document: TIERS, fact: 'three e-mail sends' },
  { question: 'How many e-mail sends does a Tier 1 campaign get?', document: EMAIL, also: ['templates/email-template.md'], fact: 'Sends per campaign: 4' },
  { question: 'How many subject line variants should each email send have?', document: EMAIL, fact: '3 subject-line variants' },
  { question: 'What is the maximum length of an email subject line?', document: EMAIL, fact: '60' },
  { question: 'How long should an email preheader be?', document: EMAIL, also: ['templates/email-template.md'], fact: '40–100 characters' },
  { question: 'What click-through rate is a good benchmark for B2B email?', document: EMAIL, fact: '2–4%' },
  { question: 'How many marketing emails may one contact receive in 7 days?', document: EMAIL, fact: '2 marketing e-mails' },
  { question: 'Which email clients must the rendering test cover?', document: EMAIL, fact: 'Outlook' },
  { question: 'How quickly must unsubscribes be honoured?', document: EMAIL, fact: '2 business days' },
  { question: 'When is the winning subject line chosen in the A/B test?', document: EMAIL, fact: '4 hours' },
  { question: 'What must the email footer include for compliance?', document: EMAIL, fact: 'postal address' },
  { question: 'What is the timeline for an event campaign?', document: EVENT, fact: 'T-12 weeks' },
  { question: 'When should event reminder emails be sent?', document: EVENT, fact: '24 hours before' },
  { question: 'How soon after an event should follow-up happen?', document: EVENT, fact: '48 hours' },
  { question: 'How do we measure the success of a webinar?', document: EVENT, fact: 'attendance' },
  { question: 'What is the character limit for an X post?', document: SOCIAL, also: ['templates/x-post-template.md'], fact: '280' },
  { question: 'How many hashtags should a LinkedIn post use?', document: 'templates/linkedin-post-template.md', also: [SOCIAL], fact: '3 hashtags' },
  { question: 'What are the best times to post on social networks?', document: SOCIAL, fact: 'Tuesday to Thursday' },
  { question: 'Which social network should I use for which job?', document: SOCIAL, fact: 'LinkedIn' },
  { question: 'What image size should Instagram posts use?', document: SOCIAL, also: ['templates/instagram-post-template.md'], fact: '1080' },
  { question: 'What is the launch timeline for a product launch?', document: LAUNCH, fact: 'L-' },
  { question: 'What goes into a message house?', document: LAUNCH, fact: 'message house' },
  { question: 'What are the go/no-go criteria before a product launch?', document: LAUNCH, fact: '80%' },
  { question: 'How should press embargoes be handled?', document: LAUNCH, fact: 'Embargoed until' },
  { question: 'What does the sales enablement kit for a launch contain?', document: LAUNCH, fact: 'sales' },
  { question: 'What should a partner readiness check cover before a co-marketing campaign?', document: PARTNER, fact: 'signed partner agreement' },
  { question: 'How are leads shared with a partner and what about consent?', document: PARTNER, fact: 'agreed to it' },
  { question: 'How do market development funds (MDF) work?', document: PARTNER, fact: 'MDF' },
  { question: 'How much extra lead time does partner review add?', document: PARTNER, fact: '1–2 weeks' },
  { question: 'What are the SEO requirements for a blog article?', document: CONTENT, fact: 'keyword' },
  { question: 'How long should a blog article be?', document: CONTENT, fact: 'words' },
  { question: 'How many blog articles does a Tier 1 campaign publish?', document: CONTENT, also: ['templates/blog-post-template.md'], fact: 'Articles per campaign: 4' },
  { question: 'Which words should we avoid in our copy?', document: VOICE, fact: 'revolutionary' },
  { question: 'What is our legal claims policy?', document: VOICE, fact: 'claim' },
  { question: 'How should headlines be capitalised?', document: VOICE, fact: 'sentence case' },
  { question: 'How many calls to action should a piece of content have?', document: VOICE, also: [CONTENT], fact: 'exactly one' },
];
