import { redirect } from 'next/navigation';

/** /users/edit without a username: as in Kibana, go to Create user. */
export default function EditUserWithoutName() {
  redirect('/users/create');
}
