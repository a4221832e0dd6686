/** Someone named in an answer (an author, who set a deadline...). */
export interface PersonView {
  id: string;
  name: string;
}
